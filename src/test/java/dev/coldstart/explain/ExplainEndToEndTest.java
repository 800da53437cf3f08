package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records a real run of the test project and explains it: graph, chains, ranked deferrals. */
class ExplainEndToEndTest {
  @TempDir Path temp;

  @Test
  void reexportInPackageInitIsTheTopStatementAndWhyShowsTheWholeChain() throws IOException {
    TestProject project = TestProject.create(temp, "3.11.7");
    Path out = temp.resolve("imports.jsonl");
    assertThat(project.recorded(out, "main.py").exit()).isZero();
    RuntimeImportGraph graph = RuntimeImportGraph.from(ImportLog.read(out));

    WhyChains.Result why = WhyChains.find(graph, "heavy", 10);
    ImportChain first = why.chains().get(0);
    assertThat(first.modules()).containsExactly("<python>", "__main__", "pkg", "pkg.task", "heavy");
    assertThat(first.loading()).isTrue();
    List<String> sites = first.hops().stream().skip(1).map(h -> h.site().toString()).toList();
    assertThat(sites.get(0)).endsWith("main.py:3: import pkg.sub");
    assertThat(sites.get(1)).endsWith("pkg/__init__.py:1: from .task import Task");
    assertThat(sites.get(2)).endsWith("pkg/task.py:1: import heavy");

    // Self times: 1000 µs for heavy, 1 for every other module the run loaded.
    SelfTimes times = m -> ModuleCost.exactly(m.equals("heavy") ? 1000 : 1);
    RetainedTime retained = RetainedTime.of(graph, times);
    Opportunity top =
        Opportunities.rank(retained).stream()
            .filter(o -> o.scope() == Opportunity.Scope.STATEMENT)
            .findFirst()
            .orElseThrow();
    assertThat(top.site().toString()).endsWith("pkg/__init__.py:1: from .task import Task");
    assertThat(top.kind()).isEqualTo(FixKind.REEXPORT_LAZY_INIT);
    assertThat(top.freed()).startsWith("heavy").contains("pkg.task");
    assertThat(top.saving().median()).isGreaterThanOrEqualTo(1001);
    // main.py:3 also loads pkg, but main.py:4 (import_module("pkg.util")) needs pkg too.
    assertThat(retained.gatekeeper("pkg")).isEqualTo("__main__");
    assertThat(graph.failedImports()).anySatisfy(e -> assertThat(e.module()).isEqualTo("not_there_xyz"));
    assertThat(graph.importsOf("pthmod"))
        .anySatisfy(e -> assertThat(e.site().location()).endsWith("coldstart_probe.pth:1"))
        .anySatisfy(e -> assertThat(e.alreadyLoaded()).isTrue());
  }
}
