package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The constraints of the SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json, OASIS) that apply to
 * what coldstart writes, checked by hand: required properties, types, enums, minimums, unique rule
 * ids, no properties the schema does not define (it sets additionalProperties: false), and what
 * GitHub code scanning additionally requires (a physical location with a region per result, base
 * URIs ending with '/').
 */
final class SarifValidation {
  private SarifValidation() {}

  private static final Set<String> LOG = Set.of("$schema", "version", "runs", "inlineExternalProperties", "properties");
  private static final Set<String> RUN = Set.of("tool", "results", "originalUriBaseIds", "invocations", "artifacts", "properties");
  private static final Set<String> TOOL = Set.of("driver", "extensions", "properties");
  private static final Set<String> DRIVER = Set.of("name", "informationUri", "semanticVersion", "version", "rules", "fullName", "properties");
  private static final Set<String> RULE = Set.of("id", "name", "shortDescription", "fullDescription", "helpUri", "help", "defaultConfiguration", "properties");
  private static final Set<String> RESULT = Set.of("ruleId", "ruleIndex", "level", "message", "locations", "relatedLocations", "partialFingerprints", "fingerprints", "kind", "properties");
  private static final Set<String> LOCATION = Set.of("id", "physicalLocation", "message", "logicalLocations", "properties");
  private static final Set<String> PHYSICAL = Set.of("artifactLocation", "region", "contextRegion", "properties");
  private static final Set<String> ARTIFACT = Set.of("uri", "uriBaseId", "index", "description", "properties");
  private static final Set<String> REGION = Set.of("startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "snippet", "properties");
  private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

  static void assertValid(String text) {
    JsonNode log = new ObjectMapper().readTree(text);
    only(log, LOG);
    assertThat(log.get("version").asString()).isEqualTo("2.1.0");
    assertThat(log.get("$schema").asString()).contains("sarif").endsWith("2.1.0.json");
    assertThat(log.get("runs").isArray()).isTrue();
    for (JsonNode run : log.get("runs")) {
      only(run, RUN);
      only(run.get("tool"), TOOL);
      JsonNode driver = run.get("tool").get("driver");
      only(driver, DRIVER);
      assertThat(driver.get("name").asString()).isNotEmpty();
      if (driver.has("informationUri")) {
        URI.create(driver.get("informationUri").asString());
      }
      Set<String> ids = new HashSet<>();
      int rules = 0;
      for (JsonNode rule : driver.path("rules")) {
        only(rule, RULE);
        assertThat(ids.add(rule.get("id").asString())).as("rule ids are unique").isTrue();
        if (rule.has("shortDescription")) {
          assertThat(rule.get("shortDescription").get("text").asString()).isNotEmpty();
        }
        if (rule.has("defaultConfiguration")) {
          assertThat(LEVELS).contains(rule.get("defaultConfiguration").get("level").asString());
        }
        rules++;
      }
      run.path("originalUriBaseIds").properties().forEach(e -> assertThat(e.getValue().get("uri").asString()).endsWith("/"));
      assertThat(run.get("results").isArray()).isTrue();
      for (JsonNode res : run.get("results")) {
        only(res, RESULT);
        assertThat(ids).contains(res.get("ruleId").asString());
        if (res.has("ruleIndex")) {
          assertThat(res.get("ruleIndex").asInt()).isBetween(0, rules - 1);
        }
        assertThat(LEVELS).contains(res.get("level").asString());
        assertThat(res.get("message").get("text").asString()).isNotBlank();
        assertThat(res.get("locations").size()).isGreaterThanOrEqualTo(1);
        for (JsonNode loc : res.get("locations")) {
          location(loc);
        }
        Set<Integer> related = new HashSet<>();
        for (JsonNode loc : res.path("relatedLocations")) {
          location(loc);
          assertThat(related.add(loc.get("id").asInt())).isTrue();
        }
      }
    }
  }

  private static void location(JsonNode loc) {
    only(loc, LOCATION);
    JsonNode phys = loc.get("physicalLocation");
    only(phys, PHYSICAL);
    only(phys.get("artifactLocation"), ARTIFACT);
    String uri = phys.get("artifactLocation").get("uri").asString();
    assertThat(uri).doesNotContain("\\").doesNotContain(" ");
    URI parsed = URI.create(uri);
    assertThat(parsed.isAbsolute() || !uri.startsWith("/")).as("relative URIs are relative: " + uri).isTrue();
    only(phys.get("region"), REGION);
    assertThat(phys.get("region").get("startLine").isIntegralNumber()).isTrue();
    assertThat(phys.get("region").get("startLine").asInt()).isGreaterThanOrEqualTo(1);
    if (phys.get("region").has("startColumn")) {
      assertThat(phys.get("region").get("startColumn").asInt()).isGreaterThanOrEqualTo(1);
    }
  }

  private static void only(JsonNode node, Set<String> allowed) {
    assertThat(node.isObject()).isTrue();
    assertThat(node.propertyNames()).allSatisfy(k -> assertThat(allowed).as("allowed properties").contains(k));
  }
}
