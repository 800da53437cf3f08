package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import org.junit.jupiter.api.Test;

class ImportLogTest {
  private static final String START =
      "{\"type\":\"start\",\"version\":[3,12,1],\"preloaded\":[\"sys\",\"__main__\"]}\n";
  private static final String CALL =
      "{\"type\":\"call\",\"seq\":2,\"depth\":0,\"kind\":\"import\",\"importer\":\"__main__\","
          + "\"file\":\"/p/main.py\",\"line\":3,\"statement\":null,\"name\":\"a.b\",\"fromlist\":[],"
          + "\"level\":0,\"absolute\":\"a.b\",\"modules\":[{\"name\":\"a\",\"how\":\"parent\","
          + "\"before\":false,\"after\":true},{\"name\":\"a.b\",\"how\":\"target\",\"before\":false,"
          + "\"after\":true}],\"ok\":true,\"error\":null}\n";
  private static final String LOAD =
      "{\"type\":\"load\",\"seq\":3,\"depth\":1,\"importer\":\"a\",\"file\":null,\"line\":null,"
          + "\"statement\":null,\"name\":\"_a_native\",\"call\":null,\"ok\":true,\"error\":null}\n";

  @Test
  void runThatDiedKeepsItsRecordsAndIgnoresATruncatedLastLine() {
    ImportLog log = ImportLog.parse(START + CALL + LOAD + "{\"type\":\"lo");
    assertThat(log.complete()).isFalse();
    assertThat(log.version()).containsExactly(3, 12, 1);
    assertThat(log.calls()).hasSize(1);
    assertThat(log.calls().get(0).modules()).extracting(ImportLog.Concerned::name)
        .containsExactly("a", "a.b");
    assertThat(log.loads().get(0).call()).isEqualTo(-1);
  }

  @Test
  void graphHasParentEdgesAndNativeLoads() {
    String end =
        "{\"type\":\"end\",\"modules\":[{\"name\":\"a\",\"file\":\"/p/a/__init__.py\","
            + "\"kind\":\"source\"},{\"name\":\"_a_native\",\"file\":\"/p/_a_native.so\","
            + "\"kind\":\"extension\"}],\"lines\":[{\"file\":\"/p/main.py\",\"line\":3,"
            + "\"text\":\"import a.b\"}]}\n";
    RuntimeImportGraph graph = RuntimeImportGraph.from(ImportLog.parse(START + CALL + LOAD + end));
    assertThat(graph.importsOf("a")).singleElement().satisfies(e -> {
      assertThat(e.how()).isEqualTo(ImportEdge.How.PARENT);
      assertThat(e.site().toString()).isEqualTo("/p/main.py:3: import a.b");
    });
    assertThat(graph.importsOf("_a_native")).singleElement().satisfies(e -> {
      assertThat(e.importer()).isEqualTo("a");
      assertThat(e.how()).isEqualTo(ImportEdge.How.LOAD);
    });
    assertThat(graph.details("_a_native").orElseThrow().isExtension()).isTrue();
    assertThat(graph.importsOf("sys").get(0).how()).isEqualTo(ImportEdge.How.STARTUP);
  }

  @Test
  void damagedRecordIsTheTargetsFailure() {
    assertThatThrownBy(() -> ImportLog.parse(START + "not json\n" + CALL))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> ImportLog.parse(""))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("did not start");
  }
}
