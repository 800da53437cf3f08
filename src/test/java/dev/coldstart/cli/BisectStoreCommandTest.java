package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.profile.Profile;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.store.Commit;
import dev.coldstart.store.Machine;
import dev.coldstart.store.Recording;
import dev.coldstart.store.Store;
import dev.coldstart.store.TestStores;
import dev.coldstart.testing.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * coldstart bisect with a results store (docs/history.md#recorded-results), on generated git
 * histories with real Python: recordings made by {@code coldstart record} answer --forbid steps;
 * a recorded series orders the timed steps but never replaces their interleaved runs; dirty and
 * other-machine recordings are ignored; bad stores are one-line errors or, when implicit, warnings.
 *
 * <p>The timing recordings are written through the store's API with chosen import times (a
 * recorded series, by design, only picks which commit is measured first, so a planted or a wrong
 * series is what the tests need); the machine, interpreter and entry are the real ones.
 */
class BisectStoreCommandTest {
  @TempDir Path tmp;

  private Path repo;

  private String git(String... args) throws IOException, InterruptedException {
    return dev.coldstart.testing.Git.run(repo, args).strip();
  }

  /**
   * Commits 0 (GOOD) to {@code count - 1} (BAD) of package {@code app} on branch main; from {@code
   * slowAt} on it imports {@code app.slow} (40 ms of CPU time), from {@code decimalAt} on {@code
   * decimal}. Returns the commits' hashes, oldest first.
   */
  private List<String> history(int count, int slowAt, int decimalAt) throws Exception {
    assumeTrue(new ProcessBuilder("git", "--version").start().waitFor() == 0, "git is needed");
    repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("src/app"));
    git("init", "-q", "-b", "main");
    Files.writeString(repo.resolve("src/app/slow.py"),
        "import time\n_end = time.process_time() + 0.04\nwhile time.process_time() < _end:\n    pass\n");
    List<String> hashes = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      String init = "REVISION = " + k + "\n" + (k >= slowAt ? "from app import slow\n" : "")
          + (k >= decimalAt ? "import decimal\n" : "");
      Files.writeString(repo.resolve("src/app/__init__.py"), init);
      git("add", "-A");
      git("commit", "-q", "-m", k == slowAt ? "Load the slow module" : k == decimalAt ? "Use decimal" : "Revision " + k);
      hashes.add(git("rev-parse", "HEAD"));
    }
    return hashes;
  }

  /** {@code coldstart record app} in a separate process, run in the repository checked out at {@code commit}. */
  private void recordWithTheTool(String commit, String store) throws Exception {
    git("checkout", "-q", commit);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.coldstart.cli.Main",
        "record", "app", "--runs", "2", "--python", Pythons.python3().toString(), "--store", store)
        .directory(repo.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("PYTHONPATH", "src");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("recorded import app: ").contains("at " + commit.substring(0, 7) + " ");
    git("checkout", "-q", "main");
  }

  private static final Interpreter PYTHON = Interpreters.locate(Pythons.python3().toString(), System.getenv());

  /** A recording of {@code import app} at {@code commit} as bisect's runs would match it, unless told otherwise. */
  private static Recording faked(String commit, boolean dirty, Machine machine, List<String> loaded, double importMs) {
    Profile p = TestStores.profile("import app",
        new Profile.PythonInfo(PYTHON.executable().toString(), PYTHON.version(), PYTHON.implementation(), true),
        List.of(), loaded, importMs - 0.5, importMs, importMs + 0.5);
    return new Recording("import app", "record", new Commit(commit, "main", dirty, "Revision", null), machine, "test",
        Instant.parse("2026-12-01T10:00:00Z"), p);
  }

  /** bisect ... --format json (unless {@code more} names another format). */
  private CliRun bisect(String... more) {
    List<String> args = new ArrayList<>(List.of("bisect", "--repo", repo.toString(), "--python",
        Pythons.python3().toString(), "--runs", "5", "--max-runs", "15"));
    args.addAll(List.of(more));
    if (!args.contains("--format")) {
      args.addAll(List.of("--format", "json"));
    }
    return CliRun.of(args.toArray(String[]::new));
  }

  private static JsonNode json(CliRun r) {
    return JsonMapper.builder().build().readTree(r.out());
  }

  /** position:verdict:store ("-" for no store) of every step. */
  private static List<String> steps(JsonNode j) {
    List<String> out = new ArrayList<>();
    j.get("steps").forEach(s -> out.add(s.get("position").asInt() + ":" + s.get("verdict").asString() + ":"
        + (s.get("store").isNull() ? "-" : s.get("store").asString())));
    return out;
  }

  private static int runs(JsonNode j) {
    int n = 0;
    for (JsonNode s : j.get("steps")) {
      n += s.get("runs").asInt();
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void forbidTakesRecordedCommitsFromTheStoreWithFewerRunsAndTheSameAnswer(TestStores kind) throws Exception {
    List<String> c = history(8, 99, 6);
    String store = kind.fresh(tmp);
    recordWithTheTool(c.get(4), store);
    recordWithTheTool(c.get(6), store);

    CliRun without = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal", "--no-store");
    assertThat(without.exit()).as(without.out() + without.err()).isZero();
    CliRun with = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal", "--store", store);
    assertThat(with.exit()).as(with.out() + with.err()).isZero();
    JsonNode a = json(without);
    JsonNode b = json(with);
    assertThat(b.get("culprit").get("hash").asString()).isEqualTo(c.get(6)).isEqualTo(a.get("culprit").get("hash").asString());
    // GOOD and BAD are run; of the halving steps, 4 and 6 come from the store and only 5 is run.
    assertThat(steps(b)).containsExactly("0:clean:-", "7:loads:-", "4:clean:answer", "6:loads:answer", "5:clean:-");
    assertThat(steps(a)).noneMatch(s -> s.endsWith(":answer"));
    assertThat(runs(b)).isEqualTo(3).isLessThan(runs(a));
    assertThat(b.get("steps").get(2).get("note").asString()).startsWith("from the store, recorded 20");
    assertThat(b.get("notes").toString()).contains("2 of the steps answered from recordings of the same target");
    assertThat(b.get("notes").toString()).doesNotContain("PGPASSWORD").doesNotContain(":pw-");
    assertThat(b.get("chain").toString()).contains("import decimal");

    CliRun text = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal", "--store", store, "--format", "text");
    assertThat(text.out()).contains("0 runs").contains("(from the store, recorded 20");
  }

  @Test
  void dirtyAndOtherMachineRecordingsAreIgnored() throws Exception {
    List<String> c = history(8, 99, 6);
    Path store = repo.resolve(".coldstart/history.db"); // the default store: read without --store
    try (Store s = Store.open(store.toString(), repo, "test", Map.of())) {
      // Each would send the search the wrong way if it were believed.
      s.record(faked(c.get(3), true, Machine.current(), List.of("app", "decimal"), 20));
      s.record(faked(c.get(4), false, TestStores.THERE, List.of("app", "decimal"), 20));
      s.record(faked(c.get(5), true, Machine.current(), List.of("app", "decimal"), 20));
    }
    CliRun r = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    JsonNode j = json(r);
    assertThat(j.get("culprit").get("hash").asString()).isEqualTo(c.get(6));
    assertThat(steps(j)).noneMatch(s -> s.endsWith(":answer"));
    assertThat(j.get("notes").toString()).contains("results store " + store).contains("no recording of this target");
  }

  /** Twelve recordings of the line (GOOD first) whose import time steps up at {@code at}. */
  private void series(String store, List<String> c, int at) {
    try (Store s = Store.open(store, repo, "test", Map.of())) {
      for (int k = 0; k < c.size(); k++) {
        s.record(faked(c.get(k), false, Machine.current(), List.of("app"), k < at ? 20 : 60));
      }
    }
  }

  @Test
  void aStoreHintFindsThePlantedCommitInTwoStepsAfterTheRangeCheck() throws Exception {
    List<String> c = history(12, 7, 99);
    String store = tmp.resolve("history.db").toString();
    series(store, c, 7);
    CliRun r = bisect("HEAD~11", "HEAD", "app", "--store", store);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    JsonNode j = json(r);
    assertThat(j.get("culprit").get("subject").asString()).isEqualTo("Load the slow module");
    // Every step is still a measured, interleaved comparison with GOOD.
    assertThat(steps(j)).containsExactly("11:slower:-", "7:bad:hint", "6:good:hint");
    j.get("steps").forEach(s -> assertThat(s.get("runs").asInt()).isGreaterThanOrEqualTo(5));
    assertThat(j.get("notes").toString()).contains("store hint: the 12 recordings of this range")
        .contains("the store's hint was right: found in 2 steps after the BAD-vs-GOOD check");

    CliRun text = bisect("HEAD~11", "HEAD", "app", "--store", store, "--format", "text");
    assertThat(text.out()).contains("(store hint)").contains("first slower commit: ");
  }

  @Test
  void aWrongStoreHintStillGivesTheRightCulprit() throws Exception {
    List<String> c = history(12, 7, 99);
    String store = tmp.resolve("history.db").toString();
    series(store, c, 8); // the recordings say 8; the code says 7
    CliRun r = bisect("HEAD~11", "HEAD", "app", "--store", store);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    JsonNode j = json(r);
    assertThat(j.get("culprit").get("subject").asString()).isEqualTo("Load the slow module");
    List<String> s = steps(j);
    // The hint and its parent both have the slowdown: the range narrows to (GOOD, 7] and halving goes on.
    assertThat(s.subList(0, 3)).containsExactly("11:slower:-", "8:bad:hint", "7:bad:hint");
    assertThat(s.subList(3, s.size())).allMatch(x -> x.endsWith(":-")).contains("6:good:-");
    assertThat(j.get("notes").toString()).contains("was not the culprit");
  }

  @Test
  void storeOptionsAndBrokenStores() throws Exception {
    history(8, 99, 6);
    CliRun missing = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal", "--store", tmp.resolve("none.db").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip()).contains("no results store at ").contains("never creates one").doesNotContain("\n");
    assertThat(tmp.resolve("none.db")).doesNotExist();

    CliRun both = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal", "--store", "x.db", "--no-store");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("--store or --no-store");

    Path garbage = tmp.resolve("garbage.db");
    Files.writeString(garbage, "not a database\n".repeat(100));
    CliRun named = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal", "--store", garbage.toString());
    assertThat(named.exit()).isEqualTo(2);
    assertThat(named.err().strip()).contains("cannot use the store").doesNotContain("\n").doesNotContain("Exception");

    CliRun pg = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal", "--store", "postgresql://u:s3cret@127.0.0.1:1/db");
    assertThat(pg.exit()).isEqualTo(2);
    assertThat(pg.err()).doesNotContain("s3cret");

    // The implicit default store is only read when it exists, and a broken one is a warning.
    CliRun none = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal");
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(repo.resolve(".coldstart")).doesNotExist();
    Files.createDirectories(repo.resolve(".coldstart"));
    Files.copy(garbage, repo.resolve(".coldstart/history.db"));
    CliRun broken = bisect("HEAD~7", "HEAD", "app", "--forbid", "decimal");
    assertThat(broken.exit()).as(broken.err()).isZero();
    assertThat(broken.err()).contains("warning: bisecting without the results store: cannot use the store");
    assertThat(json(broken).get("culprit").get("subject").asString()).isEqualTo("Use decimal");
  }
}
