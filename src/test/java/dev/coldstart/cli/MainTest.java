package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void versionPrintsNameAndExitsZero() {
    CliRun r = CliRun.of("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("coldstart ");
  }

  @Test
  void noVerbIsAUsageError() {
    CliRun r = CliRun.of();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("a verb is required").doesNotContain("Exception");
  }

  @Test
  void unknownOptionIsAUsageErrorWithoutStackTrace() {
    CliRun r = CliRun.of("--no-such-option");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--no-such-option").doesNotContain("\tat ");
  }
}
