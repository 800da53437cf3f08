package dev.coldstart.report;

import static dev.coldstart.report.Profiles.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.profile.Profile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTML page as text: the embedded data cannot break out, and the policy admits its script. */
class HtmlReportTest {
  private static final Pattern DATA =
      Pattern.compile("<script type=\"application/json\" id=\"coldstart-data\">(.*?)</script>", Pattern.DOTALL);
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

  @Test
  void hostileTextCannotEndTheDataBlock() {
    String name = "</script><script>alert(2)</script><!-- & \u2028";
    Profile p = Profiles.of("-c '</SCRIPT>'", List.of(node("app", 1, 2, node(name, 1, 1))));
    String html = HtmlReport.render(p);
    Matcher m = DATA.matcher(html);
    assertThat(m.find()).isTrue();
    String data = m.group(1);
    assertThat(data).doesNotContain("<", ">", "&", "\u2028");
    // The escapes are JSON: the block parses back to the same text.
    JsonNode back = JsonMapper.builder().build().readTree(data);
    assertThat(back.get("tree").get(0).get("children").get(0).get("name").asString()).isEqualTo(name);
    assertThat(back.get("target").asString()).isEqualTo("-c '</SCRIPT>'");
    // Exactly two script elements: the data and the report's own code.
    assertThat(html.split("<script", -1)).hasSize(3);
    assertThat(html).contains("<title>coldstart: -c &#39;&lt;/SCRIPT&gt;&#39;</title>");
  }

  @Test
  void contentSecurityPolicyAdmitsExactlyTheInlineScript() throws Exception {
    String html = HtmlReport.render(Profiles.synthetic(20, 1));
    Matcher m = SCRIPT.matcher(html);
    assertThat(m.find()).isTrue();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
    assertThat(html).contains("script-src 'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
    assertThat(html).contains("default-src 'none'");
    // Nothing from the network: no linked resources, no CSS urls, no requests from the script
    // (the only URL is the SVG namespace, a name, never fetched).
    assertThat(html).doesNotContain("<link", " src=", " href=", "url(", "@import", "fetch(", "XMLHttpRequest", "https://");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://");
  }

  @Test
  void theEmbeddedProfileIsTheJsonDocumentWithShorterNumbers() {
    Profile p = Profiles.synthetic(50, 5);
    JsonMapper json = JsonMapper.builder().build();
    JsonNode embedded = json.readTree(HtmlReport.data(json.valueToTree(p)));
    JsonNode full = json.readTree(ProfileJson.write(p));
    assertThat(embedded.propertyNames()).isEqualTo(full.propertyNames());
    double a = full.get("tree").get(0).get("selfMs").asDouble();
    double b = embedded.get("tree").get(0).get("selfMs").asDouble();
    assertThat(b).isCloseTo(a, org.assertj.core.data.Percentage.withPercentage(0.001));
    assertThat(embedded.get("modules").size()).isEqualTo(50);
  }

  @Test
  void twoThousandModulesMakeLessThanTwoMegabytes() {
    int bytes = HtmlReport.render(Profiles.synthetic(2000, 42)).getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).isLessThan(2_000_000);
  }

  @Test
  void templateSlotsAreFilledOnce() {
    assertThat(Html.fill("a{{X}}b{{Y}}c", java.util.Map.of("X", "{{Y}}", "Y", "y"))).isEqualTo("a{{Y}}byc");
    assertThat(Html.escape("<a href='x'>&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  }
}
