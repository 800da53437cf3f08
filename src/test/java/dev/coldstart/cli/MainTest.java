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

  /**
   * `coldstart --help` lists each verb with its header, or with the first line of its description
   * when it has none: a description cut at its first line ("forbidden modules (with the chain")
   * is not a summary. Every listed verb's summary must be one whole sentence.
   */
  @Test
  void everyVerbsSummaryInHelpIsAWholeSentence() {
    CliRun r = CliRun.of("--help");
    assertThat(r.exit()).isZero();
    String block = r.out().substring(r.out().indexOf("Verbs:") + "Verbs:".length(), r.out().indexOf("Exit codes:"));
    java.util.Map<String, String> summaries = new java.util.LinkedHashMap<>();
    String verb = null;
    for (String line : block.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
      if (m.matches()) {
        verb = m.group(1);
        summaries.put(verb, m.group(2).strip());
      } else {
        summaries.merge(verb, line.strip(), (a, b) -> a + " " + b);
      }
    }
    java.util.List<String> listed = Verbs.ALL.entrySet().stream()
        .filter(e -> !e.getValue().getAnnotation(picocli.CommandLine.Command.class).hidden())
        .map(java.util.Map.Entry::getKey)
        .toList();
    assertThat(summaries.keySet()).containsExactlyElementsOf(listed);
    summaries.forEach((name, summary) -> {
      assertThat(summary).as(name + ": ends with a full stop").matches("[A-Za-z].*[.]");
      long open = summary.chars().filter(c -> c == '(').count();
      long close = summary.chars().filter(c -> c == ')').count();
      assertThat(open).as(name + ": balanced parentheses in '" + summary + "'").isEqualTo(close);
      assertThat(summary.substring(0, summary.length() - 1)).as(name + ": one sentence").doesNotContain(". ");
    });
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
