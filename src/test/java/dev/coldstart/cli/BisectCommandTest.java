package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * coldstart bisect on small generated histories (8 commits): a planted slowdown large enough that a
 * few runs decide each step, a commit where the target fails (skipped), --forbid, and bad input.
 */
class BisectCommandTest {
  @TempDir Path repo;

  private String git(String... args) throws IOException, InterruptedException {
    return dev.coldstart.testing.Git.run(repo, args);
  }

  /**
   * Commits 0 (GOOD) to 7 (BAD) of package {@code app}; from {@code slowAt} on, {@code app}
   * imports {@code app.slow}, which spins for 40 ms of CPU time; from {@code decimalAt} on it
   * imports {@code decimal}; at {@code brokenAt} the import raises.
   */
  private void history(int slowAt, int decimalAt, int brokenAt) throws Exception {
    assumeTrue(new ProcessBuilder("git", "--version").start().waitFor() == 0, "git is needed");
    git("init", "-q");
    Files.createDirectories(repo.resolve("src/app"));
    Files.writeString(repo.resolve("src/app/slow.py"),
        "import time\n_end = time.process_time() + 0.04\nwhile time.process_time() < _end:\n    pass\n");
    for (int k = 0; k < 8; k++) {
      StringBuilder init = new StringBuilder("REVISION = " + k + "\n");
      if (k >= slowAt) {
        init.append("from app import slow\n");
      }
      if (k >= decimalAt) {
        init.append("import decimal\n");
      }
      if (k == brokenAt) {
        init.append("raise RuntimeError('broken at this commit')\n");
      }
      Files.writeString(repo.resolve("src/app/__init__.py"), init.toString());
      git("add", "-A");
      git("commit", "-q", "-m", k == slowAt ? "Load the slow module" : k == decimalAt ? "Use decimal" : "Revision " + k);
    }
  }

  private CliRun bisect(String... more) {
    List<String> args = new ArrayList<>(List.of("bisect", "--repo", repo.toString(), "--python",
        Pythons.python3().toString(), "--runs", "5", "--max-runs", "15"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void findsThePlantedSlowdownSkipsABrokenCommitAndListsTheModuleItAdded() throws Exception {
    history(5, 99, 3);
    CliRun r = bisect("HEAD~7", "HEAD", "app", "--format", "json");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    JsonNode j = JsonMapper.builder().build().readTree(r.out());
    assertThat(j.get("outcome").asString()).isEqualTo("found");
    assertThat(j.get("culprit").get("subject").asString()).isEqualTo("Load the slow module");
    assertThat(j.get("shift_vs_good").get("low_ms").asDouble()).isGreaterThan(10);
    List<String> verdicts = new ArrayList<>();
    j.get("steps").forEach(s -> verdicts.add(s.get("position").asInt() + ":" + s.get("verdict").asString()));
    assertThat(verdicts).containsExactly("7:slower", "3:skip", "4:good", "5:bad");
    // Every timed step carries its runs round by round, as many rounds as it counts.
    for (JsonNode s : j.get("steps")) {
      JsonNode rounds = s.get("rounds");
      if (s.get("verdict").asString().equals("skip")) {
        assertThat(rounds.isNull()).isTrue();
        continue;
      }
      int sides = s.get("step").asInt() == 1 ? 2 : 3;
      assertThat(rounds.get("sides")).hasSize(sides);
      int again = rounds.get("measured_again").size();
      assertThat(rounds.get("ms").size() + again).isEqualTo(s.get("runs").asInt());
      rounds.get("ms").forEach(round -> {
        assertThat(round).hasSize(sides);
        round.forEach(v -> assertThat(v.asDouble()).isPositive());
      });
      rounds.get("left_out").forEach(i -> assertThat(i.asInt()).isBetween(0, rounds.get("ms").size() - 1));
    }
    JsonNode added = j.get("added_modules");
    assertThat(added).hasSize(1);
    assertThat(added.get(0).get("module").asString()).isEqualTo("app.slow");
    JsonNode last = added.get(0).get("chain").get(added.get(0).get("chain").size() - 1);
    assertThat(last.get("file").asString()).isEqualTo("src/app/__init__.py");
    assertThat(last.get("line").asInt()).isEqualTo(2);
    assertThat(j.get("notes").toString()).contains("skipped").contains("RuntimeError: broken at this commit");
    assertThat(git("worktree", "list").strip().lines().count()).isEqualTo(1);
  }

  @Test
  void everyTimedRunIsPinnedToOneCpu() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one CPU: nothing to pin");
    history(2, 99, 99);
    // The target fails unless its process may use exactly one CPU: a run that was not pinned would
    // make GOOD fail (exit 3).
    CliRun r = bisect("HEAD~7", "HEAD", "-c", "import os\nassert len(os.sched_getaffinity(0)) == 1\nimport app");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Load the slow module");
  }

  @Test
  void textNamesTheCommitTheShiftAndEveryStep() throws Exception {
    history(2, 99, 99);
    CliRun r = bisect("HEAD~7", "HEAD", "-c", "import app");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("first slower commit: ")
        .contains("Load the slow module")
        .contains("vs GOOD: +")
        .contains("-> app.slow    src/app/__init__.py:2: from app import slow")
        .contains("steps:");
  }

  @Test
  void forbidFindsTheFirstCommitThatLoadsTheModuleWithItsChain() throws Exception {
    history(99, 6, 99);
    CliRun r = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("first commit that loads decimal: ")
        .contains("Use decimal")
        .contains("-> decimal    src/app/__init__.py:2: import decimal");
    assertThat(r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+[0-9a-f]{10}\\s+.*")).count())
        .as(r.out()).isLessThanOrEqualTo(5); // GOOD, BAD and at most 3 halvings of 7
  }

  @Test
  void noSlowdownIsExitOneWithTheInterval() throws Exception {
    history(99, 99, 99);
    CliRun r = bisect("HEAD~7", "HEAD", "app", "--min-shift", "5ms");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("no regression between GOOD and BAD: BAD vs GOOD ").contains("threshold 5.00 ms");
  }

  @Test
  void badInputIsExitTwoWithOneLine() throws Exception {
    history(99, 99, 99);
    CliRun swapped = bisect("HEAD", "HEAD~7", "app");
    assertThat(swapped.exit()).isEqualTo(2);
    assertThat(swapped.err().strip()).contains("is not an ancestor of BAD").doesNotContain("\n").doesNotContain("Exception");
    CliRun unknown = bisect("no-such-ref", "HEAD", "app");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("GOOD no-such-ref: no such commit");
    CliRun shift = bisect("HEAD~7", "HEAD", "app", "--min-shift", "lots");
    assertThat(shift.exit()).isEqualTo(2);
    assertThat(git("worktree", "list").strip().lines().count()).isEqualTo(1);
  }

  @Test
  void outsideARepositoryIsExitTwo(@TempDir Path plain) {
    CliRun r = CliRun.of("bisect", "--repo", plain.toString(), "--python", Pythons.python3().toString(), "A", "B", "app");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bisect needs a git repository");
  }

  @Test
  void ctrlCPrintsTheStepsSoFarAndRemovesTheWorktrees() throws Exception {
    history(5, 99, 99);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"), "dev.coldstart.cli.Main",
            "bisect", "HEAD~7", "HEAD", "app", "--repo", repo.toString(), "--python", Pythons.python3().toString(),
            "--runs", "200", "--max-runs", "400"))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    Thread o = Thread.ofPlatform().start(() -> copy(p.getInputStream(), out));
    Thread e = Thread.ofPlatform().start(() -> copy(p.getErrorStream(), err));
    // Wait until the first comparison has its worktree (two worktrees: GOOD and BAD), then press Ctrl-C.
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && git("worktree", "list").strip().lines().count() < 3) {
      Thread.sleep(200);
    }
    Thread.sleep(1000);
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    o.join();
    e.join();
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stdout + stderr).isEqualTo(130);
    assertThat(stdout).contains("interrupted after 0 steps").contains("steps:");
    assertThat(stderr).doesNotContain("\tat ");
    assertThat(git("worktree", "list").strip().lines().count()).isEqualTo(1);
  }

  private static void copy(java.io.InputStream in, java.io.OutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // The process ended.
    }
  }
}
