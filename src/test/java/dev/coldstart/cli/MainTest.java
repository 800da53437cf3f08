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

  @Test
  void verbNamesMatchTheirCommandAnnotations() {
    Verbs.ALL.forEach(
        (name, cls) ->
            assertThat(cls.getAnnotation(picocli.CommandLine.Command.class).name()).as(cls.getName()).isEqualTo(name));
  }

  @Test
  void onlyTheNamedVerbIsBuiltAndHelpListsThemAll() {
    assertThat(Verbs.neededBy(new String[] {"--version"})).isEmpty();
    assertThat(Verbs.neededBy(new String[] {"profile", "json", "--runs", "3"})).containsExactly(ProfileCommand.class);
    assertThat(Verbs.neededBy(new String[] {"--help"})).hasSize(Verbs.ALL.size());
    assertThat(Verbs.neededBy(new String[] {"nosuchverb"})).hasSize(Verbs.ALL.size());
    CliRun help = CliRun.of("--help");
    assertThat(help.out()).contains("profile", "why", "explain", "fix", "check", "lint", "graph", "report");
    CliRun unknown = CliRun.of("profil");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("profile");
  }

  @Test
  void everyVerbAnswersHelp() {
    // picocli formats descriptions with String.format and complains on System.err (not through
    // our Io) about a bare '%', so the process's own stderr is watched too.
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(raw, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (String verb : Verbs.ALL.keySet()) {
        CliRun r = CliRun.of(verb, "--help");
        assertThat(r.exit()).as(verb + ": " + r.err()).isZero();
        assertThat(r.out()).as(verb).contains("Usage: coldstart " + verb);
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(raw.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
  }
}
