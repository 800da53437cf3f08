package dev.coldstart.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the HTML renderers share: escaping untrusted text for HTML and for a JSON block inside a
 * {@code <script>} element, templates with {@code {{NAME}}} slots, and the page resources shipped
 * in the jar.
 */
final class Html {
  private Html() {}

  /** Text safe in element content and in quoted attribute values. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * JSON text made safe inside {@code <script type="application/json">}: the HTML parser ends a
   * script element at {@code </script} and treats {@code <!--} specially, whatever the type. In
   * valid JSON {@code <}, {@code >} and {@code &} can only occur inside strings, where the {@code
   * \u003c} escapes mean the same characters; U+2028 and U+2029 are escaped for old JavaScript
   * parsers.
   */
  static String scriptSafeJson(String json) {
    StringBuilder sb = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Fills the {@code {{NAME}}} slots of a template in one pass, so text put into one slot is never
   * searched for another (a module named {@code {{SCRIPT}}} stays a name).
   *
   * @throws IllegalStateException when the template names a slot that is not given
   */
  static String fill(String template, Map<String, String> slots) {
    StringBuilder sb = new StringBuilder(template.length() + slots.values().stream().mapToInt(String::length).sum());
    int at = 0;
    while (true) {
      int open = template.indexOf("{{", at);
      if (open < 0) {
        break;
      }
      int close = template.indexOf("}}", open);
      String name = template.substring(open + 2, close);
      String value = slots.get(name);
      if (value == null) {
        throw new IllegalStateException("template slot without a value: " + name);
      }
      sb.append(template, at, open).append(value);
      at = close + 2;
    }
    return sb.append(template, at, template.length()).toString();
  }

  /** A text resource next to this class (under dev/coldstart/report/ in the jar). */
  static String resource(String name) {
    try (InputStream in = Html.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/coldstart/report/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
