package dev.coldstart.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.SearchPath;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.testing.Pythons;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The static closure of the demo project's {@code fleet.version} against what Python really loads
 * for {@code import fleet.version}: modules loaded by the bare interpreter's start-up are taken
 * out of the runtime set, the rest must be predicted.
 */
class DemoClosureTest {
  private static Path demoDir() throws URISyntaxException {
    return Path.of(DemoClosureTest.class.getResource("/dev/coldstart/demo/fleet/__init__.py").toURI())
        .getParent().getParent();
  }

  private static Set<String> modulesAfter(Path python, Path dir, String code) {
    ProcessResult r = PythonProcess.builder(python, List.of("-c", code))
        .directory(dir).timeout(Duration.ofSeconds(60)).run();
    assertThat(r.ok()).as("python failed: %s", r.stderrTail(5)).isTrue();
    return new TreeSet<>(List.of(r.stdout().trim().split("\n")));
  }

  @Test
  void fleetVersionClosureMatchesWhatPythonLoads() throws Exception {
    Path python = Pythons.require("3.11");
    Path demo = demoDir();
    SearchPath sp = SearchPath.of(Interpreters.probe(python)).withLeadingRoots(List.of(demo));
    ModuleLayout layout = ModuleLayout.of(sp);
    Set<String> baseline = modulesAfter(python, demo, "import sys; print('\\n'.join(sys.modules))");
    Set<String> runtime =
        modulesAfter(python, demo, "import sys, fleet.version; print('\\n'.join(sys.modules))");
    Set<String> loadedByImport = new TreeSet<>(runtime);
    loadedByImport.removeAll(baseline);

    for (EdgeFilter filter : List.of(EdgeFilter.IMPORT_TIME, new EdgeFilter(false, false, true, false))) {
      ImportGraph g = GraphBuilder.reachable(layout, List.of("fleet.version"), filter, 2);
      Closure c = Closure.of(g, "fleet.version", filter);
      assertThat(c.modules())
          .contains("fleet", "fleet.version", "fleet.protocols", "fleet.calibration", "fleet.server",
              "fleet.errors", "asyncio", "sqlite3", "xml.dom.minidom");
      // Every module of the project itself that is predicted really loads.
      for (String m : c.modules()) {
        if (m.startsWith("fleet")) {
          assertThat(runtime).contains(m);
        }
      }
      // Every unconditional prediction really loads (conditional ones may not: win32 branches, ...).
      List<String> wrong = new ArrayList<>();
      for (String m : c.modules()) {
        if (!c.conditional().contains(m) && !runtime.contains(m)) {
          wrong.add(m);
        }
      }
      Set<String> missed = new TreeSet<>(loadedByImport);
      missed.removeAll(c.modules());
      double recall = 1.0 - (double) missed.size() / loadedByImport.size();
      System.out.printf(
          "fleet.version, %s: %d modules loaded by the import at run time, %d predicted (%.1f%%);"
              + " %d predicted in all, %d conditional; not predicted: %s; unconditional but not loaded: %s%n",
          filter.guarded() ? "guarded imports included" : "default filter",
          loadedByImport.size(), loadedByImport.size() - missed.size(), 100 * recall,
          c.modules().size(), c.conditional().size(), missed, wrong);
      assertThat(wrong).as("unconditional predictions that Python did not load").isEmpty();
      if (filter.guarded()) {
        // Guarded imports of C accelerators (try: from _json import ...) do load when present.
        assertThat(recall).isGreaterThanOrEqualTo(0.90);
      } else {
        assertThat(recall).isGreaterThanOrEqualTo(0.80);
      }
    }
  }
}
