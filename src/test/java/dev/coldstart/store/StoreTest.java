package dev.coldstart.store;

import static dev.coldstart.store.TestStores.HERE;
import static dev.coldstart.store.TestStores.THERE;
import static dev.coldstart.store.TestStores.commit;
import static dev.coldstart.store.TestStores.profile;
import static dev.coldstart.store.TestStores.recording;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import dev.coldstart.testing.Postgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store against a real SQLite file and a real PostgreSQL server, every test on both. */
class StoreTest {
  @TempDir Path tmp;

  private Store open(String spec) {
    return Store.open(spec, tmp, "test", Map.of());
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void recordsAndReadsBackOneSeriesInCommitOrder(TestStores kind) {
    String spec = kind.fresh(tmp);
    try (Store s = open(spec)) {
      // Recorded out of order: history orders by commit time.
      s.record(recording("import fleet", commit("b".repeat(40), "main", "second", 3), HERE, profile("import fleet", "3.11.7", List.of(), 20, 21, 22)));
      s.record(recording("import fleet", commit("a".repeat(40), "main", "first", 2), HERE, profile("import fleet", "3.11.7", List.of(), 10, 11, 12, 13)));
    }
    try (Store s = open(spec)) {
      List<Series> all = s.history(HistoryQuery.ALL);
      assertThat(all).hasSize(1);
      Series one = all.get(0);
      assertThat(one.entry()).isEqualTo("import fleet");
      assertThat(one.interpreter()).isEqualTo("CPython");
      assertThat(one.python()).isEqualTo("3.11.7");
      assertThat(one.machine()).isEqualTo(HERE.id());
      assertThat(one.machineDescription()).isEqualTo("Test CPU, 4 cores, Linux 6.1.0 amd64");
      assertThat(one.points()).extracting(Series.Point::subject).containsExactly("first", "second");
      Series.Point first = one.points().get(0);
      assertThat(first.commit()).isEqualTo("a".repeat(40));
      assertThat(first.median()).isEqualTo(11.5);
      assertThat(first.runs()).isEqualTo(4);
      assertThat(first.low()).isLessThanOrEqualTo(11.5);
      assertThat(first.high()).isGreaterThanOrEqualTo(11.5);
      assertThat(s.schemaVersion()).isEqualTo(Migrations.latest());
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void seriesComeInKeyOrderAndPointsInCommitOrderThenRecordingOrder(TestStores kind) {
    String spec = kind.fresh(tmp);
    try (Store s = open(spec)) {
      Commit early = commit("1".repeat(40), "main", "early", 1);
      Commit late = commit("2".repeat(40), "main", "late", 2);
      // Recorded out of order: series by entry, version and limits; points late before early,
      // and two recordings of one commit.
      s.record(recording("import b", late, HERE, profile("import b", "3.11.7", List.of(), 1, 2, 3)));
      s.record(recording("import a", late, HERE, profile("import a", "3.12.1", List.of(), 1, 2, 3)));
      s.record(recording("import a", late, HERE, profile("import a", "3.11.7", List.of("cpu=10%"), 1, 2, 3)));
      s.record(recording("import a", late, HERE, profile("import a", "3.11.7", List.of(), 4, 5, 6)));
      s.record(recording("import a", early, HERE, profile("import a", "3.11.7", List.of(), 7, 8, 9)));
      s.record(recording("import a", late, HERE, profile("import a", "3.11.7", List.of(), 10, 11, 12)));
      s.record(recording("import b", early, HERE, profile("import b", "3.11.7", List.of(), 1, 2, 3)));

      List<Series> all = s.history(HistoryQuery.ALL);
      assertThat(all).extracting(x -> x.entry() + " " + x.python() + " [" + x.limits() + "]").containsExactly(
          "import a 3.11.7 []", "import a 3.11.7 [cpu=10%]", "import a 3.12.1 []", "import b 3.11.7 []");
      assertThat(all.get(0).points()).extracting(Series.Point::median).containsExactly(8.0, 5.0, 11.0);
      assertThat(all.get(0).machineDescription()).startsWith("Test CPU");
      assertThat(all.get(3).points()).extracting(Series.Point::subject).containsExactly("early", "late");
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void neverMixesMachinesInterpretersOrLimitsAndFilters(TestStores kind) {
    String spec = kind.fresh(tmp);
    try (Store s = open(spec)) {
      Commit c1 = commit("1".repeat(40), "main", "one", 1);
      Commit c2 = new Commit("2".repeat(40), "feature", true, "two", c1.time().plusDays(10));
      s.record(recording("import a", c1, HERE, profile("import a", "3.11.7", List.of(), 1, 2, 3)));
      s.record(recording("import a", c2, HERE, profile("import a", "3.11.7", List.of(), 1, 2, 3)));
      s.record(recording("import a", c1, THERE, profile("import a", "3.11.7", List.of(), 1, 2, 3)));
      s.record(recording("import a", c1, HERE, profile("import a", "3.12.1", List.of(), 1, 2, 3)));
      s.record(recording("import a", c1, HERE, profile("import a", "3.11.7", List.of("cpu=10%"), 1, 2, 3)));
      s.record(recording("import b", c1, HERE, profile("import b", "3.11.7", List.of(), 1, 2, 3)));

      assertThat(s.history(HistoryQuery.ALL)).hasSize(5);
      assertThat(s.history(HistoryQuery.ALL)).filteredOn(x -> x.entry().equals("import a") && x.machine().equals(HERE.id())
          && x.python().equals("3.11.7") && x.limits().isEmpty()).singleElement()
          .satisfies(x -> assertThat(x.points()).hasSize(2));
      assertThat(s.history(new HistoryQuery("import b", null, null, null, null))).singleElement()
          .satisfies(x -> assertThat(x.entry()).isEqualTo("import b"));
      assertThat(s.history(new HistoryQuery(null, null, null, THERE.id().substring(0, 6), null))).singleElement()
          .satisfies(x -> assertThat(x.machineDescription()).startsWith("Other CPU"));
      assertThat(s.history(new HistoryQuery(null, null, null, null, "3.12"))).singleElement()
          .satisfies(x -> assertThat(x.python()).isEqualTo("3.12.1"));
      assertThat(s.history(new HistoryQuery(null, null, null, null, "3.1"))).isEmpty();
      List<Series> feature = s.history(new HistoryQuery(null, null, "feature", null, null));
      assertThat(feature).singleElement().satisfies(x -> {
        assertThat(x.points()).singleElement().satisfies(p -> assertThat(p.dirty()).isTrue());
      });
      assertThat(s.history(new HistoryQuery(null, c1.time().plusDays(1).toInstant(), null, null, null)))
          .singleElement().satisfies(x -> assertThat(x.points()).extracting(Series.Point::subject).containsExactly("two"));
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aStoreOfAnOlderVersionIsMigratedAndKeepsItsRows(TestStores kind) throws Exception {
    String spec = kind.fresh(tmp);
    String[] pw = new String[1];
    StoreLocation loc = StoreLocation.parse(spec, tmp, pw);
    try (Store old = Store.open(loc, pw[0], 1, "old", Map.of())) {
      assertThat(old.schemaVersion()).isEqualTo(1);
      old.record(recording("import a", commit("1".repeat(40), "main", "one", 1), HERE, profile("import a", "3.11.7", List.of(), 5, 6, 7)));
    }
    try (Store s = open(spec)) {
      assertThat(s.schemaVersion()).isEqualTo(Migrations.latest()).isGreaterThan(1);
      assertThat(s.history(HistoryQuery.ALL)).singleElement()
          .satisfies(x -> assertThat(x.points()).singleElement().satisfies(p -> assertThat(p.median()).isEqualTo(6)));
    }
    try (Connection c = jdbc(kind, spec); var st = c.createStatement();
        var r = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(Migrations.latest());
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aStoreOfANewerVersionIsRefusedWithExitTwo(TestStores kind) throws Exception {
    String spec = kind.fresh(tmp);
    open(spec).close();
    try (Connection c = jdbc(kind, spec); var st = c.createStatement()) {
      st.execute("INSERT INTO schema_version (version, applied_at, tool_version) VALUES (99, 'later', 'future')");
    }
    assertThatThrownBy(() -> open(spec))
        .isInstanceOf(UserError.class)
        .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(2))
        .hasMessageContaining("has schema version 99, newer than this coldstart knows (" + Migrations.latest() + ")")
        .hasMessageContaining("upgrade coldstart")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-"));
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void concurrentWriterProcessesLoseNothing(TestStores kind) throws Exception {
    String spec = kind.fresh(tmp);
    int writers = 4;
    int each = 15;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> procs = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      procs.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreWriter.class.getName(), spec,
          Integer.toString(each), Integer.toString(w)).redirectErrorStream(true).start());
    }
    for (Process p : procs) {
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
    }
    try (Store s = open(spec)) {
      List<Series> all = s.history(HistoryQuery.ALL);
      assertThat(all).hasSize(writers);
      assertThat(all).allSatisfy(x -> assertThat(x.points()).hasSize(each));
    }
    try (Connection c = jdbc(kind, spec); var st = c.createStatement();
        var r = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT recording_id) FROM run_sample")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(writers * each * 3);
      assertThat(r.getInt(2)).isEqualTo(writers * each);
    }
    try (Connection c = jdbc(kind, spec); var st = c.createStatement();
        var r = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
      r.next();
      assertThat(r.getInt(1)).as("each migration applied once").isEqualTo(Migrations.latest());
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void recordsEveryRunInOrder(TestStores kind) throws Exception {
    String spec = kind.fresh(tmp);
    try (Store s = open(spec)) {
      s.record(recording("import a", commit("1".repeat(40), "main", "one", 1), HERE, profile("import a", "3.11.7", List.of(), 13, 10, 12, 11)));
    }
    try (Connection c = jdbc(kind, spec); var st = c.createStatement();
        var r = st.executeQuery("SELECT run, import_ms, wall_ms FROM run_sample ORDER BY run")) {
      double[] expected = {13, 10, 12, 11};
      for (int i = 0; i < expected.length; i++) {
        assertThat(r.next()).isTrue();
        assertThat(r.getInt(1)).isEqualTo(i);
        assertThat(r.getDouble(2)).isEqualTo(expected[i]);
        assertThat(r.getDouble(3)).isEqualTo(expected[i] + 10);
      }
      assertThat(r.next()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void recordsEveryModuleWithItsInterval(TestStores kind) throws Exception {
    String spec = kind.fresh(tmp);
    try (Store s = open(spec)) {
      s.record(recording("import a", commit("1".repeat(40), "main", "one", 1), HERE, profile("import a", "3.11.7", List.of(), 5, 6, 7)));
    }
    try (Connection c = jdbc(kind, spec); var st = c.createStatement();
        var r = st.executeQuery("SELECT module, self_ms, self_low_ms, self_high_ms, cumulative_ms FROM module_stat ORDER BY module")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("json");
      assertThat(r.getDouble(2)).isEqualTo(6);
      assertThat(r.getDouble(3)).isEqualTo(5);
      assertThat(r.getDouble(4)).isEqualTo(7);
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("json.decoder");
      assertThat(r.getDouble(5)).isEqualTo(6);
      assertThat(r.next()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aStepInTheSeriesIsAChangePointAtItsCommitWithTheShiftOfTheRuns(TestStores kind) {
    String spec = kind.fresh(tmp);
    java.util.SplittableRandom noise = new java.util.SplittableRandom(7);
    try (Store s = open(spec)) {
      for (int i = 0; i < 30; i++) {
        double level = i < 18 ? 50 : 68;
        double[] runs = new double[6];
        for (int r = 0; r < runs.length; r++) {
          runs[r] = level + noise.nextDouble() * 4 + (noise.nextInt(10) == 0 ? 15 : 0);
        }
        String sha = String.format("%040x", i + 1);
        s.record(recording("import fleet.version", TestStores.at(commit(sha, "main", "commit " + i, 1), i), HERE,
            profile("import fleet.version", "3.11.7", List.of(), runs)));
      }
      // A flat series of the same noise on another machine: no change point.
      for (int i = 0; i < 30; i++) {
        double[] runs = new double[6];
        for (int r = 0; r < runs.length; r++) {
          runs[r] = 50 + noise.nextDouble() * 4 + (noise.nextInt(10) == 0 ? 15 : 0);
        }
        s.record(recording("import fleet.version", TestStores.at(commit(String.format("%040x", 100 + i), "main", "flat " + i, 1), i),
            THERE, profile("import fleet.version", "3.11.7", List.of(), runs)));
      }
      List<Series> all = s.history(HistoryQuery.ALL);
      Series step = all.stream().filter(x -> x.machine().equals(HERE.id())).findFirst().orElseThrow();
      assertThat(step.changePoints()).singleElement().satisfies(c -> {
        assertThat(c.index()).isEqualTo(18);
        assertThat(c.commit()).isEqualTo(String.format("%040x", 19));
        assertThat(c.shift()).isBetween(15.0, 21.0);
        assertThat(c.low()).isLessThan(c.shift()).isGreaterThan(10);
        assertThat(c.high()).isGreaterThan(c.shift());
        assertThat(c.before()).isBetween(50.0, 55.0);
        assertThat(c.after()).isBetween(68.0, 73.0);
        assertThat(c.p()).isLessThanOrEqualTo(0.01);
      });
      Series flat = all.stream().filter(x -> x.machine().equals(THERE.id())).findFirst().orElseThrow();
      assertThat(flat.changePoints()).isEmpty();
    }
  }

  /** A plain connection for looking under the store's API. */
  private Connection jdbc(TestStores kind, String spec) throws Exception {
    return kind == TestStores.SQLITE ? DriverManager.getConnection("jdbc:sqlite:" + spec) : Postgres.connect(spec);
  }

  static Instant at(String s) {
    return Instant.parse(s);
  }
}
