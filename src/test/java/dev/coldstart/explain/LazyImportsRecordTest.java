package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder and the runtime graph on CPython 3.15's lazy imports (PEP 810), with the program in
 * src/test/resources/explain/lazy: a {@code lazy import} used at module level, a {@code lazy from}
 * used in a function, one never used, a {@code __lazy_modules__} entry, the program's own filter,
 * and the global mode.
 */
class LazyImportsRecordTest {
  @TempDir Path temp;

  record Result(int exit, String out, String err) {}

  @Test
  void declarationsAndReificationsAreRecordedWithoutChangingTheRun() throws Exception {
    Path python = Pythons.require("3.15");
    Path dir = project();
    Path out = temp.resolve("imports.jsonl");
    Result plain = run(dir, List.of(python.toString(), "app.py", "filter"));
    Result recorded = run(dir, recorder(python, out, List.of(), "app.py", "filter"));
    assertThat(plain.exit()).isZero();
    assertThat(plain.out()).isEqualTo("False False\n42\n6\nTrue\n");
    assertThat(recorded).isEqualTo(plain);

    ImportLog log = ImportLog.read(out);
    assertThat(log.startup()).isPositive();
    List<ImportLog.Lazy> program = log.lazy().stream().filter(l -> l.seq() > log.startup()).toList();
    assertThat(program)
        .extracting(ImportLog.Lazy::name, ImportLog.Lazy::line, ImportLog.Lazy::lazy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("heavy", 3, true),
            org.assertj.core.groups.Tuple.tuple("later", 4, true),
            org.assertj.core.groups.Tuple.tuple("never", 5, true),
            org.assertj.core.groups.Tuple.tuple("listed", 7, true),
            org.assertj.core.groups.Tuple.tuple("filtered", 10, false)); // the program's filter said no
    assertThat(program.get(1).fromlist()).containsExactly("Y");
    assertThat(program.get(3).listed()).isTrue();
    assertThat(program.get(4).filter()).isTrue();

    ImportLog.Call heavyUse =
        log.calls().stream().filter(c -> c.reifies() && c.name().equals("heavy")).findFirst().orElseThrow();
    assertThat(heavyUse.line()).isEqualTo(18);
    assertThat(heavyUse.declared()).isEqualTo(program.get(0).seq());
    assertThat(heavyUse.function()).isEqualTo("<module>");
    // The import the program's filter made eager loads at its statement, not at a use (CPython
    // then imports without calling __import__: a load with no call).
    assertThat(log.calls()).noneMatch(c -> c.name().equals("filtered"));
    assertThat(log.loads())
        .anySatisfy(
            l -> {
              assertThat(l.name()).isEqualTo("filtered");
              assertThat(l.line()).isEqualTo(10);
            });

    RuntimeImportGraph graph = RuntimeImportGraph.from(log);
    Map<String, LazyImport> byModule = new HashMap<>();
    graph.lazyImports().forEach(l -> byModule.put(l.module(), l));
    assertThat(byModule).containsOnlyKeys("heavy", "later", "never", "listed");
    LazyImport heavy = byModule.get("heavy");
    assertThat(heavy.declared().line()).isEqualTo(3);
    assertThat(heavy.declared().statement()).isEqualTo("lazy import heavy");
    assertThat(heavy.how()).isEqualTo(LazyImport.Declaration.LAZY_STATEMENT);
    assertThat(heavy.reified().site().line()).isEqualTo(18);
    assertThat(heavy.reified().site().statement()).isEqualTo("print(heavy.X)");
    assertThat(heavy.reified().function()).isNull();
    assertThat(byModule.get("later").reified().function()).isEqualTo("main");
    assertThat(byModule.get("later").names()).containsExactly("Y");
    assertThat(byModule.get("never").reified()).isNull();
    assertThat(byModule.get("never").avoided()).isTrue();
    assertThat(byModule.get("listed").how()).isEqualTo(LazyImport.Declaration.LAZY_MODULES);
    assertThat(graph.contains("never")).isFalse();
    assertThat(graph.isStartup("os")).isTrue();
    assertThat(graph.isStartup("site")).isTrue();
    assertThat(graph.isStartup("heavy")).isFalse();

    // Nothing already lazy, and nothing of the interpreter's start-up, is proposed for deferral.
    List<Opportunity> ops = Opportunities.rank(RetainedTime.of(graph, evenTimes(graph)));
    assertThat(ops).allSatisfy(o -> assertThat(o.edges()).noneMatch(graph::reifies));
    assertThat(ops).allSatisfy(o -> assertThat(o.freed()).noneMatch(graph::isStartup));
    assertThat(ops).noneMatch(o -> o.module().equals("heavy") || o.module().equals("later"));
  }

  @Test
  void withoutLazyTheSameImportIsAnOpportunityAndStartupModulesNeverAre() throws Exception {
    Path python = Pythons.require("3.15");
    Path dir = project();
    Path out = temp.resolve("imports.jsonl");
    assertThat(run(dir, recorder(python, out, List.of(), "eager.py")).exit()).isZero();
    RuntimeImportGraph graph = RuntimeImportGraph.from(ImportLog.read(out));
    assertThat(graph.lazyImports()).isEmpty();
    List<Opportunity> ops = Opportunities.rank(RetainedTime.of(graph, evenTimes(graph)));
    assertThat(ops).extracting(Opportunity::module).containsExactly("heavy");
    assertThat(ops.get(0).site().statement()).isEqualTo("import heavy");
  }

  @Test
  void theGlobalModeMakesEveryModuleLevelImportLazy() throws Exception {
    Path python = Pythons.require("3.15");
    Path dir = project();
    Path out = temp.resolve("imports.jsonl");
    Result plain = run(dir, List.of(python.toString(), "-X", "lazy_imports=all", "eager.py"));
    Result recorded = run(dir, recorder(python, out, List.of("-X", "lazy_imports=all"), "eager.py"));
    assertThat(recorded).isEqualTo(plain);
    assertThat(plain.out()).isEqualTo("False\n42\n");
    RuntimeImportGraph graph = RuntimeImportGraph.from(ImportLog.read(out));
    LazyImport heavy =
        graph.lazyImports().stream().filter(l -> l.module().equals("heavy")).findFirst().orElseThrow();
    assertThat(heavy.how()).isEqualTo(LazyImport.Declaration.GLOBAL_MODE);
    assertThat(heavy.declared().statement()).isEqualTo("import heavy");
    assertThat(heavy.reified().site().line()).isEqualTo(5);
  }

  @Test
  void olderPythonsWriteNoLazyRecords() throws Exception {
    Path python = Pythons.require("3.14");
    Path dir = project();
    Path out = temp.resolve("imports.jsonl");
    assertThat(run(dir, recorder(python, out, List.of(), "eager.py")).exit()).isZero();
    ImportLog log = ImportLog.read(out);
    assertThat(log.lazy()).isEmpty();
    assertThat(log.calls()).noneMatch(ImportLog.Call::reifies);
    assertThat(log.startup()).isPositive();
  }

  /** One millisecond of self time for every module. */
  private static SelfTimes evenTimes(RuntimeImportGraph graph) {
    Map<String, ModuleCost> times = new HashMap<>();
    graph.modules().forEach(m -> times.put(m, new ModuleCost(1000, 900, 1100)));
    return SelfTimes.of(times);
  }

  private List<String> recorder(Path python, Path out, List<String> flags, String... args) {
    Path script = RecorderScript.extractTo(temp);
    return RecorderScript.command(python.toString(), flags, List.of(script.toString()), out, true, List.of(args));
  }

  private Path project() throws IOException, URISyntaxException {
    Path from = Path.of(getClass().getResource("/explain/lazy").toURI());
    Path dir = Files.createDirectories(temp.resolve("lazy"));
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  private static Result run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile());
    pb.environment().remove("PYTHONPATH");
    Path out = Files.createTempFile("cs-out", ".txt");
    Path err = Files.createTempFile("cs-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    Result r =
        new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
