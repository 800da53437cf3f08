package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real packages with re-exporting {@code __init__}s, copied out of site-packages into a temporary
 * directory that goes first on sys.path: --verify proves the public API unchanged and reports the
 * measured saving. Skips when the package is not installed.
 */
class FixSitePackagesTest {
  static final Path SITE = Path.of("/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages");

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"idna", "blinker"})
  void verifyPassesOnARealPackage(String name) throws Exception {
    Path py = Pythons.require("3.11");
    assumeTrue(Files.isDirectory(SITE.resolve(name)), name + " is not installed");
    copy(SITE.resolve(name), temp.resolve(name));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--verify", name, "--runs", "3",
        temp.resolve(name).resolve("__init__.py").toString());
    System.out.println(r.out());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("re-exports made lazy").contains("Public API of " + name + ": unchanged")
        .containsPattern("Saving of import time: predicted \\d+\\.\\d ms \\([^)]*\\) = \\d+ % \\(\\d+ to \\d+ %\\), achieved -?\\d+\\.\\d ms \\(-?\\d+ %\\)");
  }

  @org.junit.jupiter.api.Test
  void targetPredictsTheSavingInMillisecondsAndAsAShareOfImportTimeWithoutWriting() throws Exception {
    Path py = Pythons.require("3.11");
    assumeTrue(Files.isDirectory(SITE.resolve("idna")), "idna is not installed");
    copy(SITE.resolve("idna"), temp.resolve("idna"));
    String before = Files.readString(temp.resolve("idna/__init__.py"));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--target", "idna", "--runs", "3",
        temp.resolve("idna").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err() + r.out())
        .containsPattern("Predicted saving for import idna: \\d+\\.\\d ms \\(\\d+\\.\\d to \\d+\\.\\d\\) of \\d+\\.\\d ms import"
            + " time = \\d+ % \\(\\d+ to \\d+ %\\), \\d+ module\\(s\\) no longer loaded: .*idna.core");
    assertThat(Files.readString(temp.resolve("idna/__init__.py"))).isEqualTo(before);
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        if (p.toString().contains("__pycache__")) {
          continue;
        }
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
