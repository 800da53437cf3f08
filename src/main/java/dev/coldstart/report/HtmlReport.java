package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A profile as one self-contained HTML page: header, icicle chart of the import tree, why panel,
 * opportunities, sortable and filterable module table (see docs/report.md).
 *
 * <p>The page is the template {@code report.html} with {@code report.css} and {@code report.js}
 * inlined and the profile's JSON (the same document as {@code --format json}, numbers cut to six
 * significant digits, compact) in a {@code <script type="application/json">} block, escaped by
 * {@link Html#scriptSafeJson} so that no text in it can end the block. The script renders every
 * profile string with {@code textContent}; as a second wall, the page's Content-Security-Policy
 * allows only the one inline script, by its SHA-256 hash, and loads nothing from the network, so an
 * injected {@code <script>} or {@code onerror=} attribute would not run either.
 *
 * <p>Size: about 430 bytes per module with its tree row; 2,000 modules make about 850 KB.
 */
public final class HtmlReport {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final MathContext DIGITS = new MathContext(6);

  private HtmlReport() {}

  public static String render(Profile p) {
    return page(MAPPER.valueToTree(p));
  }

  /**
   * The page for a profile document: the JSON of a {@link Profile}, or of a later version of it
   * with more fields (the script shows those it knows: retained time, opportunities, distributions).
   */
  static String page(JsonNode profile) {
    String script = "\n" + Html.resource("report.js") + "\n";
    if (script.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
      throw new IllegalStateException("report.js must not contain </script");
    }
    return Html.fill(
        Html.resource("report.html"),
        Map.of(
            "TITLE", Html.escape("coldstart: " + profile.path("target").asString("")),
            "CSS", Html.resource("report.css"),
            "DATA", data(profile),
            "SCRIPT", script,
            "SCRIPT_HASH", "sha256-" + sha256(script)));
  }

  /** The embedded profile JSON, script-safe. */
  static String data(JsonNode profile) {
    return Html.scriptSafeJson(MAPPER.writeValueAsString(rounded(profile)));
  }

  /** Floating-point numbers to six significant digits: medians to 0.1 µs and far smaller files. */
  private static JsonNode rounded(JsonNode n) {
    if (n.isFloatingPointNumber()) {
      double v = n.doubleValue();
      return Double.isFinite(v)
          ? JsonNodeFactory.instance.numberNode(new BigDecimal(v).round(DIGITS).doubleValue())
          : n;
    }
    if (n.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      n.forEachEntry((k, v) -> out.set(k, rounded(v)));
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(n.size());
      n.values().forEach(v -> out.add(rounded(v)));
      return out;
    }
    return n;
  }

  static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }
}
