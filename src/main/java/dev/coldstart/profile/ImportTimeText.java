package dev.coldstart.profile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of a saved {@code -X importtime} log into lines.
 *
 * <p>Encoding: a byte order mark decides (UTF-8, UTF-16 LE as written by Windows PowerShell 5's
 * {@code 2> file}, UTF-16 BE). Without one, a log whose bytes are mostly zero at every other
 * position is taken as UTF-16 without a mark (a warning says so); anything else is UTF-8, and
 * bytes that are not UTF-8 become U+FFFD with a warning rather than an error, because the
 * target's own stderr may be in any encoding.
 *
 * <p>Lines end at CRLF, LF or a lone CR (old Mac files, and {@code \r} progress bars written by
 * the target). The last line is flagged when it has no line end, so the parser can say the log
 * may be truncated.
 */
final class ImportTimeText {
  private ImportTimeText() {}

  /** One physical line: 1-based number, text without its line end, whether a line end followed. */
  record Line(int number, String text, boolean terminated) {}

  /** Decoded lines and what was noticed while decoding. */
  record Decoded(List<Line> lines, List<ImportTimeLog.Warning> warnings) {}

  static Decoded decode(byte[] raw) {
    List<ImportTimeLog.Warning> warnings = new ArrayList<>();
    if (raw == null) {
      warnings.add(new ImportTimeLog.Warning(0, "no log given"));
      return new Decoded(List.of(), warnings);
    }
    String text = toText(raw, warnings);
    return new Decoded(split(text), warnings);
  }

  static Decoded decode(String text) {
    List<ImportTimeLog.Warning> warnings = new ArrayList<>();
    if (text == null) {
      warnings.add(new ImportTimeLog.Warning(0, "no log given"));
      return new Decoded(List.of(), warnings);
    }
    // A BOM that survived decoding by someone else (e.g. a file read as UTF-8 with its BOM).
    return new Decoded(split(text.startsWith("\uFEFF") ? text.substring(1) : text), warnings);
  }

  private static String toText(byte[] raw, List<ImportTimeLog.Warning> warnings) {
    if (startsWith(raw, 0xEF, 0xBB, 0xBF)) {
      return strict(raw, 3, StandardCharsets.UTF_8, warnings);
    }
    if (startsWith(raw, 0xFF, 0xFE)) {
      return strict(raw, 2, StandardCharsets.UTF_16LE, warnings);
    }
    if (startsWith(raw, 0xFE, 0xFF)) {
      return strict(raw, 2, StandardCharsets.UTF_16BE, warnings);
    }
    Charset guessed = guessUtf16WithoutMark(raw);
    if (guessed != null) {
      warnings.add(
          new ImportTimeLog.Warning(0, "read as " + guessed.name() + " without a byte order mark"));
      return strict(raw, 0, guessed, warnings);
    }
    return strict(raw, 0, StandardCharsets.UTF_8, warnings);
  }

  /** UTF-16 of ASCII text has a zero in every other byte; UTF-8 text has no zero bytes at all. */
  private static Charset guessUtf16WithoutMark(byte[] raw) {
    int pairs = Math.min(raw.length / 2, 4096); // a prefix is enough to decide
    if (pairs < 8) {
      return null;
    }
    int zeroEven = 0;
    int zeroOdd = 0;
    for (int i = 0; i < pairs * 2; i += 2) {
      if (raw[i] == 0) {
        zeroEven++;
      }
      if (raw[i + 1] == 0) {
        zeroOdd++;
      }
    }
    if (zeroOdd > pairs * 0.9 && zeroEven == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (zeroEven > pairs * 0.9 && zeroOdd == 0) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  /** Decodes strictly first so a warning can say that something was replaced. */
  private static String strict(
      byte[] raw, int offset, Charset charset, List<ImportTimeLog.Warning> warnings) {
    ByteBuffer bytes = ByteBuffer.wrap(raw, offset, raw.length - offset);
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      boolean oddUtf16 =
          !charset.equals(StandardCharsets.UTF_8) && (raw.length - offset) % 2 != 0;
      warnings.add(
          new ImportTimeLog.Warning(
              0,
              "bytes that are not valid "
                  + charset.name()
                  + " were replaced by U+FFFD"
                  + (oddUtf16 ? " (an odd number of bytes: the log may be truncated)" : "")));
      // String's constructor replaces what it cannot decode with U+FFFD.
      return new String(raw, offset, raw.length - offset, charset);
    }
  }

  private static boolean startsWith(byte[] raw, int... prefix) {
    if (raw.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((raw[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Splits at CRLF, LF or CR; a trailing line end does not make an empty last line. */
  static List<Line> split(String text) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int number = 1;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(new Line(number++, text.substring(start, i), true));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(new Line(number, text.substring(start), false));
    }
    return lines;
  }
}
