package dev.coldstart.fix;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Python file's text as lines, with what it takes to write it back byte for byte: the encoding
 * (UTF-8 by default, a PEP 263 cookie on line 1 or 2 names another), a UTF-8 BOM, the newline style
 * (LF, CRLF or CR) and whether the last line ends with a newline.
 *
 * <p>Reading refuses (returns null with a reason) what cannot be written back unchanged: mixed
 * newline styles, bytes that do not decode, an unknown encoding. So {@code encode(lines())} of an
 * untouched file gives exactly the bytes read, which {@link #read} checks.
 */
public final class SourceText {
  private final List<String> lines;
  private final Charset charset;
  private final boolean bom;
  private final String newline;
  private final boolean finalNewline;

  private SourceText(
      List<String> lines, Charset charset, boolean bom, String newline, boolean finalNewline) {
    this.lines = List.copyOf(lines);
    this.charset = charset;
    this.bom = bom;
    this.newline = newline;
    this.finalNewline = finalNewline;
  }

  /** What reading a file gave: the text, or why it cannot be rewritten safely. */
  public record Read(SourceText text, String problem) {}

  public static Read read(byte[] raw) {
    boolean bom = raw.length >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB
        && (raw[2] & 0xff) == 0xBF;
    byte[] body = bom ? Arrays.copyOfRange(raw, 3, raw.length) : raw;
    String cookie = cookie(body);
    Charset cs = StandardCharsets.UTF_8;
    if (cookie != null) {
      cs = charsetFor(cookie);
      if (cs == null) {
        return new Read(null, "unknown encoding '" + cookie + "'");
      }
    }
    String text;
    try {
      text = cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return new Read(null, "the file does not decode as " + cs.name());
    }
    int lf = 0;
    int crlf = 0;
    int cr = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          crlf++;
          i++;
        } else {
          cr++;
        }
      } else if (c == '\n') {
        lf++;
      }
    }
    int styles = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
    if (styles > 1) {
      return new Read(null, "mixed line endings (LF " + lf + ", CRLF " + crlf + ", CR " + cr + ")");
    }
    String nl = crlf > 0 ? "\r\n" : cr > 0 ? "\r" : "\n";
    boolean finalNl = text.endsWith(nl);
    String core = finalNl ? text.substring(0, text.length() - nl.length()) : text;
    List<String> lines = text.isEmpty() ? List.of() : Arrays.asList(core.split(java.util.regex.Pattern.quote(nl), -1));
    SourceText st = new SourceText(lines, cs, bom, nl, finalNl || text.isEmpty());
    if (!Arrays.equals(st.encode(st.lines), raw)) {
      return new Read(null, "the file does not round-trip through " + cs.name());
    }
    return new Read(st, null);
  }

  /** Test and tool entry: LF text, UTF-8. */
  public static SourceText ofString(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8)).text();
  }

  public List<String> lines() {
    return lines;
  }

  public String newline() {
    return newline;
  }

  /** The lines joined with LF, as the scanner and codemods see them. */
  public String joined() {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  /** The bytes of a file with these lines, in this file's encoding, BOM and newline style. */
  public byte[] encode(List<String> newLines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < newLines.size(); i++) {
      sb.append(newLines.get(i));
      if (i < newLines.size() - 1 || finalNewline) {
        sb.append(newline);
      }
    }
    try {
      ByteBuffer buf = charset.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(sb));
      byte[] out = new byte[buf.remaining() + (bom ? 3 : 0)];
      if (bom) {
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
      }
      buf.get(out, bom ? 3 : 0, buf.remaining());
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("new text does not fit the file's encoding " + charset, e);
    }
  }

  /** Whether the text can be written in this file's encoding. */
  public boolean canEncode(List<String> newLines) {
    var enc = charset.newEncoder();
    return newLines.stream().allMatch(enc::canEncode);
  }

  /** A PEP 263 cookie in the first two lines, or null (same rules as CPython's tokenizer). */
  static String cookie(byte[] b) {
    int start = 0;
    for (int n = 0; n < 2 && start < b.length; n++) {
      int end = start;
      while (end < b.length && b[end] != '\n' && b[end] != '\r') {
        end++;
      }
      String line = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
      String t = line.stripLeading();
      if (t.startsWith("#")) {
        var m = COOKIE.matcher(t);
        if (m.find()) {
          return m.group(1);
        }
      } else if (!t.isEmpty()) {
        return null;
      }
      start = end;
      if (start < b.length && b[start] == '\r') {
        start++;
      }
      if (start < b.length && b[start] == '\n') {
        start++;
      }
    }
    return null;
  }

  private static final java.util.regex.Pattern COOKIE =
      java.util.regex.Pattern.compile("coding[:=][ \\t]*([-\\w.]+)");

  static Charset charsetFor(String cookie) {
    String n = cookie.toLowerCase(Locale.ROOT).replace('_', '-');
    if (n.equals("utf-8") || n.startsWith("utf-8-") || n.equals("utf8")) {
      return StandardCharsets.UTF_8;
    }
    if (n.equals("latin-1") || n.startsWith("latin-1-") || n.startsWith("iso-8859-1")
        || n.startsWith("iso-latin-1")) {
      return StandardCharsets.ISO_8859_1;
    }
    try {
      return Charset.forName(n);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The lines after applying edits; see {@link Edits#apply}. */
  List<String> with(List<Edit> edits) {
    return Edits.apply(lines, edits);
  }

  static List<String> copy(List<String> l) {
    return new ArrayList<>(l);
  }
}
