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
  void aLaterEndUpdatesTheFirstWithWhatChanged() {
    String end =
        "{\"type\":\"end\",\"reason\":\"return\",\"modules\":[{\"name\":\"sys\",\"kind\":\"builtin\"},"
            + "{\"name\":\"a\",\"file\":\"/p/a/__init__.py\",\"kind\":\"source\"},"
            + "{\"name\":\"a.b\",\"file\":\"/p/a/b.py\",\"kind\":\"source\"}],"
            + "\"lines\":[{\"file\":\"/p/main.py\",\"line\":3,\"text\":\"import a.b\"}]}\n";
    String update =
        "{\"type\":\"end\",\"reason\":\"atexit\",\"update\":true,"
            + "\"modules\":[{\"name\":\"a\",\"file\":\"/q/a.so\",\"kind\":\"extension\"},"
            + "{\"name\":\"_a_native\",\"file\":\"/p/_a_native.so\",\"kind\":\"extension\"}],"
            + "\"gone\":[\"a.b\"],"
            + "\"lines\":[{\"file\":\"/p/a/__init__.py\",\"line\":9,\"text\":\"import _a_native\"}]}\n";
    ImportLog log = ImportLog.parse(START + CALL + LOAD + end + update);
    assertThat(log.complete()).isTrue();
    assertThat(log.modules())
        .containsExactly(
            new ImportLog.LoadedModule("sys", null, "builtin"),
            new ImportLog.LoadedModule("a", "/q/a.so", "extension"),
            new ImportLog.LoadedModule("_a_native", "/p/_a_native.so", "extension"));
    assertThat(log.lines())
        .containsEntry("/p/main.py:3", "import a.b")
        .containsEntry("/p/a/__init__.py:9", "import _a_native");

    // The first end alone (the run died before the second) is the whole list.
    assertThat(ImportLog.parse(START + end).modules()).extracting(ImportLog.LoadedModule::name)
        .containsExactly("sys", "a", "a.b");
    // No end at all: incomplete, no modules, the records so far.
    ImportLog died = ImportLog.parse(START + CALL + LOAD);
    assertThat(died.complete()).isFalse();
    assertThat(died.modules()).isEmpty();
    assertThat(died.loads()).hasSize(1);
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
