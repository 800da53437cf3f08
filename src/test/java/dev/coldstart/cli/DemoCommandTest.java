package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void demoShowsThatTheParentInitCarriesTheCost() {
    CliRun r = CliRun.of("demo", "--runs", "3", "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("coldstart profile: import fleet.version")
        .contains("is the parent package fleet's __init__")
        .contains("fleet.protocols")
        .contains("The heaviest module body is fleet.calibration")
        .containsPattern("native: \\d+ extension module\\(s\\), [0-9.]+ MB of native code")
        .contains("site initialisation:")
        .contains("Step 2. Make the re-exports lazy")
        .contains("Public API of fleet: unchanged")
        .containsPattern("Saving of import time: predicted \\d+\\.\\d ms .*achieved -?\\d+\\.\\d ms");
  }

  @Test
  void demoCanKeepItsProjectAndRefusesToOverwrite() {
    CliRun first = CliRun.of("demo", "--runs", "1", "--dir", tmp.toString(), "--python", Pythons.python3().toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(tmp.resolve("fleet/__init__.py")).exists();
    CliRun second = CliRun.of("demo", "--runs", "1", "--dir", tmp.toString());
    assertThat(second.exit()).isEqualTo(2);
    assertThat(second.err()).contains("already exists");
  }
}
