package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import org.junit.jupiter.api.Test;

/** The demo's check step: the guard from the sample pyproject.toml fails on the eager re-export. */
class DemoCheckStepTest {
  @Test
  void demoCheckFailsBeforeTheFixAndPassesAfter() {
    CliRun r = CliRun.of("demo", "--runs", "2", "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Check. Guard it in CI")
        .contains("FAIL         version: forbid fleet.server")
        .contains("fleet/__init__.py:9: from .server import create_app")
        .contains("The check fails (exit 1)");
    // After the fix step made the re-exports lazy, the same check passes.
    String afterFix = r.out().substring(r.out().indexOf("The check fails (exit 1)"));
    assertThat(afterFix)
        .contains("PASS         version: forbid fleet.server")
        .contains("The check passes: fleet.version no longer loads the server.");
  }
}
