package dev.coldstart.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The search path from the probe's answer is the one the interpreter gives when asked. */
class SearchPathTest {
  static Stream<String> versions() {
    return Stream.concat(Pythons.versions(7, 15).stream(), Stream.of("/usr/bin/python3"));
  }

  @ParameterizedTest
  @MethodSource("versions")
  void theProbesAnswerAgreesWithAskingTheInterpreter(String version) {
    Path exe;
    if (version.startsWith("/")) {
      exe = Path.of(version);
      Assumptions.assumeTrue(Files.isExecutable(exe), version + " is absent");
    } else {
      exe = Pythons.require(version);
    }
    Interpreter py = Interpreters.probe(exe);
    assertThat(py.layout()).as("the probe says how modules are found").isNotNull();
    SearchPath fromProbe = SearchPath.of(py);
    SearchPath asked = SearchPath.ask(py);
    assertThat(fromProbe).isEqualTo(asked);
    assertThat(fromProbe.extensionSuffixes()).contains(py.extSuffix());
    assertThat(fromProbe.builtins()).contains("sys", "builtins");
  }

  /** The standard library `--root` adds: where sysconfig says it is, and no site directory. */
  @ParameterizedTest
  @MethodSource("versions")
  void theStandardLibraryIsWhereSysconfigSaysWithoutSiteDirectories(String version) throws Exception {
    Path exe;
    if (version.startsWith("/")) {
      exe = Path.of(version);
      Assumptions.assumeTrue(Files.isExecutable(exe), version + " is absent");
    } else {
      exe = Pythons.require(version);
    }
    Interpreter py = Interpreters.probe(exe);
    java.util.List<Path> stdlib = SearchPath.standardLibrary(py);
    Process p = new ProcessBuilder(exe.toString(), "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
        .redirectErrorStream(true).start();
    String where = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).isZero();
    assertThat(stdlib).extracting(q -> q.toAbsolutePath().normalize()).contains(Path.of(where).toAbsolutePath().normalize());
    assertThat(stdlib).anyMatch(d -> Files.isRegularFile(d.resolve("os.py")));
    assertThat(stdlib).noneMatch(d -> d.toString().contains("site-packages") || d.toString().contains("dist-packages"));
  }
}
