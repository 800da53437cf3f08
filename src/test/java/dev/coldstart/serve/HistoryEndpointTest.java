package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.UserError;
import dev.coldstart.report.Histories;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/history?entry=ENTRY}: what a {@link HistorySource} says, behind the token. */
class HistoryEndpointTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path dir;

  @Test
  void answersTheSourcesHistoryForTheDecodedEntry() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    HistorySource source =
        new HistorySource() {
          @Override
          public String history(String entry) {
            asked.add(entry);
            return Histories.of(entry, Histories.medians(20, 30, 10, 0.2, 1)).toString();
          }

          @Override
          public String describe() {
            return "test store";
          }
        };
    try (ServerFixture f = new ServerFixture(dir, source)) {
      RawHttp r = RawHttp.get(f.url, "/api/history?entry=-c%20%22import%20json%22&x=1");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().get("content-type")).startsWith("application/json");
      JsonNode doc = JSON.readTree(r.body());
      assertThat(doc.path("schema").asString()).isEqualTo("coldstart.history/1");
      assertThat(doc.path("series").get(0).path("entry").asString()).isEqualTo("-c \"import json\"");
      assertThat(doc.path("series").get(0).path("points").size()).isEqualTo(20);
      assertThat(asked).containsExactly("-c \"import json\"");
      assertThat(JSON.readTree(RawHttp.get(f.url, "/api/info").body()).path("history").asString()).isEqualTo("test store");

      assertThat(RawHttp.get(f.url, "/api/history").status()).isEqualTo(400);
      assertThat(RawHttp.get(f.url, "/api/history?entry=").status()).isEqualTo(400);
      assertThat(RawHttp.get(f.url, "/api/history?entry=%zz").status()).isEqualTo(400);
      assertThat(RawHttp.postJson(f.url, "/api/history?entry=json", "{}").status()).isEqualTo(405);
      // Without the token: 401, and the source is not asked.
      assertThat(RawHttp.get(f.door, "/api/history?entry=json").status()).isEqualTo(401);
      assertThat(asked).hasSize(1);
    }
  }

  @Test
  void withoutAStoreTheHistoryIsEmptyAndTheInfoSaysWhy() throws Exception {
    try (ServerFixture f = new ServerFixture(dir)) {
      RawHttp r = RawHttp.get(f.url, "/api/history?entry=json");
      assertThat(r.status()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).path("series").isEmpty()).isTrue();
      assertThat(JSON.readTree(RawHttp.get(f.url, "/api/info").body()).path("history").asString())
          .contains("no results store");
    }
  }

  @Test
  void aStoreThatCannotBeReadIsA503WithItsMessage() throws Exception {
    HistorySource broken =
        new HistorySource() {
          @Override
          public String history(String entry) {
            throw UserError.usage("cannot open the results store: database is locked");
          }

          @Override
          public String describe() {
            return "broken";
          }
        };
    try (ServerFixture f = new ServerFixture(dir, broken)) {
      RawHttp r = RawHttp.get(f.url, "/api/history?entry=json");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.body()).contains("database is locked");
    }
  }
}
