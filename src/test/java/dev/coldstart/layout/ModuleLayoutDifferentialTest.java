package dev.coldstart.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.python.Interpreters;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layout against CPython's own PathFinder: for each module name, the file (or namespace
 * portions) must be the same. Over whole real environments (every module of stdlib and
 * site-packages of each interpreter found, submodules included) and over a tricky tree.
 */
class ModuleLayoutDifferentialTest {
  @TempDir Path tmp;

  static Stream<String> versions() {
    // pyenv 3.8-3.13, and Debian's python3 with its dist-packages when installed.
    return Stream.concat(Pythons.versions(8, 15).stream(), Stream.of("/usr/bin/python3"));
  }

  @ParameterizedTest
  @MethodSource("versions")
  void everyModuleOfARealEnvironmentIsWherePythonFindsIt(String version) throws Exception {
    Path python;
    if (version.startsWith("/")) {
      python = Path.of(version);
      org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), version + " is absent");
    } else {
      python = Pythons.require(version);
    }
    ModuleLayout layout = ModuleLayout.of(SearchPath.of(Interpreters.probe(python)));
    List<PythonModule> modules = layout.modules();
    assertThat(modules).hasSizeGreaterThan(500);
    List<String> names = new ArrayList<>(modules.stream().map(PythonModule::name).toList());
    // Names that do not exist must be absent for both.
    names.add("no_such_module_xyz");
    names.add("json.no_such_submodule");
    List<String> mismatches = compare(python, layout, names);
    System.out.printf("Python %s: %d modules compared with PathFinder, %d mismatches%n",
        version, names.size(), mismatches.size());
    assertThat(mismatches).isEmpty();
  }

  @Test
  void trickyTreeAgreesWithPathFinder() throws Exception {
    Path python = Pythons.require("3.11");
    Path a = Trees.write(tmp.resolve("a"),
        "ns/one.py", "", "ns/deep/x.py", "", "pkg/stray.py", "", "mod.py", "",
        "dup.py", "", "dup/__init__.py", "", "fast.py", "",
        "fast.cpython-311-x86_64-linux-gnu.so", "", "old.cpython-310-x86_64-linux-gnu.so", "",
        "stable.abi3.so", "", "compiled.pyc", "", "typed.pyi", "", "empty/", "");
    Path b = Trees.write(tmp.resolve("b"),
        "ns/two.py", "", "ns/deep/y.py", "", "pkg/__init__.py", "", "pkg/real.py", "",
        "mod.py", "", "typed.py", "", "time.py", "");
    ModuleLayout layout = ModuleLayout.of(
        SearchPath.of(Interpreters.probe(python)).withRoots(List.of(a, b)));
    List<String> names = List.of("ns", "ns.one", "ns.two", "ns.deep", "ns.deep.x", "ns.deep.y",
        "ns.three", "pkg", "pkg.stray", "pkg.real", "mod", "dup", "fast", "old", "stable",
        "compiled", "typed", "empty", "time", "sys", "missing");
    assertThat(compare(python, layout, names, a, b)).isEmpty();
  }

  private List<String> compare(Path python, ModuleLayout layout, List<String> names, Path... roots)
      throws IOException {
    Path input = Files.writeString(tmp.resolve("names.txt"), String.join("\n", names) + "\n");
    StringBuilder code = new StringBuilder();
    if (roots.length > 0) {
      code.append("import sys; sys.path[:] = [");
      for (Path r : roots) {
        code.append('\'').append(r).append("',");
      }
      code.append("]\n");
    }
    code.append("sys_stdin = open(").append('\'').append(input).append("')\n");
    code.append("import sys; sys.stdin = sys_stdin\n");
    code.append(oracle());
    ProcessResult r = PythonProcess.builder(python, List.of("-c", code.toString()))
        .timeout(Duration.ofMinutes(5)).run();
    assertThat(r.ok()).as("oracle failed: %s", r.stderrTail(10)).isTrue();
    List<String> mismatches = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      String[] f = line.split("\t");
      String name = f[0];
      String ours = describe(layout.find(name).orElse(null));
      String theirs = f.length == 2 ? f[1] : f[1] + "\t" + f[2];
      if (!ours.equals(theirs)) {
        mismatches.add(name + ": coldstart " + ours + ", Python " + theirs);
      }
    }
    assertThat(r.stdout().split("\n")).hasSize(names.size());
    return mismatches;
  }

  private static String describe(PythonModule m) {
    if (m == null) {
      return "none";
    }
    return switch (m.kind()) {
      case BUILTIN -> "builtin";
      case NAMESPACE -> "namespace\t"
          + String.join("|", m.searchLocations().stream().map(Path::toString).toList());
      default -> "file\t" + m.file();
    };
  }

  private static String oracle() throws IOException {
    try (InputStream in = ModuleLayoutDifferentialTest.class.getResourceAsStream("/layout/find_specs.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
