package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.store.Store;
import org.junit.jupiter.api.Test;

class TrainingPostgresTest {
  @Test
  void historyRunsThroughScramAndItsQueriesAndFindsTheStep() throws Exception {
    try (TrainingPostgres server = new TrainingPostgres(Store.latestSchemaVersion())) {
      CliRun text = CliRun.of("history", "--store", server.url());
      assertThat(text.err()).isEmpty();
      assertThat(text.exit()).isZero();
      assertThat(text.out()).contains("import train0", "import train1", "Training machine");
      // The step in the middle of each series is found, so the shifts (and run samples) ran too.
      assertThat(text.out().lines().filter(l -> l.contains(" at ") && l.contains("(p")).count()).as(text.out()).isEqualTo(2);
      CliRun json = CliRun.of("history", "--store", server.url(), "--format", "json");
      assertThat(json.exit()).isZero();
      assertThat(json.out()).contains("\"changePoints\" : [ {");
    }
  }

  @Test
  void aWrongPasswordIsRefusedAsARealServerWould() throws Exception {
    try (TrainingPostgres server = new TrainingPostgres(Store.latestSchemaVersion())) {
      String wrong = server.url().replaceFirst(":[0-9a-f]{24}@", ":not-the-password@");
      CliRun run = CliRun.of("history", "--store", wrong);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).startsWith("coldstart: cannot use the store postgresql://coldstart@127.0.0.1:").contains("password authentication failed").doesNotContain("not-the-password");
    }
  }
}
