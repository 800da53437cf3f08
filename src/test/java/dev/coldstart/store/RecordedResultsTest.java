package dev.coldstart.store;

import static dev.coldstart.store.TestStores.HERE;
import static dev.coldstart.store.TestStores.THERE;
import static dev.coldstart.store.TestStores.at;
import static dev.coldstart.store.TestStores.commit;
import static dev.coldstart.store.TestStores.recording;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.gate.KnownResults;
import dev.coldstart.gate.KnownResults.Run;
import dev.coldstart.profile.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What bisect may take from the store (RecordedResults), against a real SQLite file and a real
 * PostgreSQL server: only clean recordings of the same entry, interpreter, machine and limits.
 */
class RecordedResultsTest {
  @TempDir Path tmp;

  private static final String EXE = "/opt/py/bin/python3";
  private static final Profile.PythonInfo PY = new Profile.PythonInfo(EXE, "3.11.7", "CPython", true);
  private static final Run RUN = new Run("import app", "CPython", "3.11.7", EXE, "");

  private static String sha(int i) {
    return String.format("%040x", 0xc0ffee00L + i);
  }

  private static Commit clean(int i) {
    return at(commit(sha(i), "main", "Revision " + i, 1), i);
  }

  private static Commit dirty(int i) {
    Commit c = clean(i);
    return new Commit(c.sha(), c.branch(), true, c.subject(), c.time());
  }

  private static Profile loads(List<String> modules) {
    return TestStores.profile("import app", PY, List.of(), modules, 10, 11, 12);
  }

  /** Three runs around {@code ms}. */
  private static Profile timed(Profile.PythonInfo py, double ms) {
    return TestStores.profile("import app", py, List.of(), List.of("app"), ms - 0.3, ms, ms + 0.4);
  }

  private Store open(String spec) {
    return Store.open(spec, tmp, "test", Map.of());
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aModuleSetComesOnlyFromACleanRecordingOfTheSameRunOnThisMachine(TestStores kind) {
    try (Store s = open(kind.fresh(tmp))) {
      s.record(recording("import app", clean(1), HERE, loads(List.of("app", "json"))));
      s.record(recording("import app", dirty(2), HERE, loads(List.of("app", "decimal"))));
      s.record(recording("import app", clean(3), THERE, loads(List.of("app", "decimal"))));
      s.record(recording("import app", clean(4), HERE,
          TestStores.profile("import app", new Profile.PythonInfo(EXE, "3.12.1", "CPython", true), List.of(),
              List.of("app"), 1, 2, 3)));
      s.record(recording("import app", clean(5), HERE,
          TestStores.profile("import app", new Profile.PythonInfo("/venv/bin/python3", "3.11.7", "CPython", true),
              List.of(), List.of("app"), 1, 2, 3)));
      s.record(recording("import app", clean(6), HERE,
          TestStores.profile("import app", PY, List.of("cpu=10%"), List.of("app"), 1, 2, 3)));
      s.record(recording("app", clean(7), HERE, loads(List.of("app"))));
      s.record(recording("import app", clean(8), HERE, TestStores.profile("import app", PY, List.of(), null, 1, 2, 3)));

      KnownResults known = RecordedResults.of(s, HERE);
      assertThat(known.modulesLoaded(sha(1), RUN)).hasValueSatisfying(m -> {
        assertThat(m.names()).containsExactlyInAnyOrder("app", "json");
        assertThat(m.recordedAt()).isEqualTo("2026-12-05T00:00:00Z");
      });
      for (int i = 2; i <= 8; i++) {
        assertThat(known.modulesLoaded(sha(i), RUN)).as("commit %d", i).isEmpty();
      }
      assertThat(known.modulesLoaded(sha(99), RUN)).isEmpty();
      // The same limits match; on another machine, that machine's recordings match.
      assertThat(known.modulesLoaded(sha(6), new Run("import app", "CPython", "3.11.7", EXE, "cpu=10%"))).isPresent();
      assertThat(RecordedResults.of(s, THERE).modulesLoaded(sha(3), RUN)).isPresent();
      assertThat(known.where()).isEqualTo(s.location().redacted());
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void theLatestCleanRecordingOfACommitAnswers(TestStores kind) {
    try (Store s = open(kind.fresh(tmp))) {
      s.record(recording("import app", clean(1), HERE, loads(List.of("app"))));
      s.record(recording("import app", clean(1), HERE, loads(List.of("app", "decimal"))));
      s.record(recording("import app", dirty(1), HERE, loads(List.of("app", "json"))));
      assertThat(RecordedResults.of(s, HERE).modulesLoaded(sha(1), RUN))
          .hasValueSatisfying(m -> assertThat(m.names()).containsExactlyInAnyOrder("app", "decimal"));
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aRecordingFromBeforeSchemaThreeHasNoModuleSetAndAnswersNothing(TestStores kind) {
    String spec = kind.fresh(tmp);
    String[] pw = new String[1];
    StoreLocation loc = StoreLocation.parse(spec, tmp, pw);
    try (Store old = Store.open(loc, pw[0], 2, "old", Map.of())) {
      old.record(recording("import app", clean(1), HERE, loads(List.of("app", "decimal"))));
    }
    try (Store s = open(spec)) {
      assertThat(s.schemaVersion()).isEqualTo(3);
      s.record(recording("import app", clean(2), HERE, loads(List.of("app", "decimal"))));
      KnownResults known = RecordedResults.of(s, HERE);
      assertThat(known.modulesLoaded(sha(1), RUN)).isEmpty();
      assertThat(known.modulesLoaded(sha(2), RUN)).isPresent();
    }
  }

  /** GOOD and 11 commits; the recorded import time steps from 20 to 30 ms at {@code step}. */
  private static List<String> line() {
    List<String> line = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      line.add(sha(i));
    }
    return line;
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void theHintIsTheChangePointOfTheCleanRecordingsInsideTheRange(TestStores kind) {
    try (Store s = open(kind.fresh(tmp))) {
      for (int i = 0; i < 12; i++) {
        s.record(recording("import app", clean(i), HERE, timed(PY, i < 7 ? 20 : 30)));
      }
      // None of these may move the hint: dirty, another machine, another interpreter version, and
      // commits outside the range (another branch's, recorded in between by commit time).
      s.record(recording("import app", dirty(3), HERE, timed(PY, 30)));
      s.record(recording("import app", dirty(4), HERE, timed(PY, 30)));
      for (int i = 0; i < 12; i++) {
        s.record(recording("import app", clean(i), THERE, timed(PY, i < 3 ? 20 : 30)));
        s.record(recording("import app", clean(i), HERE,
            timed(new Profile.PythonInfo(EXE, "3.12.1", "CPython", true), i < 3 ? 20 : 30)));
        s.record(recording("import app", clean(100 + i), HERE, timed(PY, 50)));
      }
      KnownResults.Hint h = RecordedResults.of(s, HERE).slowdown(line(), RUN).orElseThrow();
      assertThat(h.commit()).isEqualTo(sha(7));
      assertThat(h.previous()).isEqualTo(sha(6));
      assertThat(h.beforeMs()).isEqualTo(20);
      assertThat(h.afterMs()).isEqualTo(30);
      assertThat(h.recordings()).isEqualTo(12);
      // Another machine has its own series, and its own hint.
      assertThat(RecordedResults.of(s, THERE).slowdown(line(), RUN)).hasValueSatisfying(x -> assertThat(x.commit()).isEqualTo(sha(3)));
    }
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void noHintFromASpeedUpAFlatSeriesOrTooFewRecordings(TestStores kind) {
    try (Store s = open(kind.fresh(tmp))) {
      for (int i = 0; i < 12; i++) {
        s.record(recording("import app", clean(i), HERE, timed(PY, i < 6 ? 30 : 20)));
        s.record(recording("import flat", clean(i), HERE, TestStores.profile("import flat", PY, List.of(), List.of(), 20, 20.5, 21)));
      }
      KnownResults known = RecordedResults.of(s, HERE);
      assertThat(known.slowdown(line(), RUN)).isEmpty();
      assertThat(known.slowdown(line(), new Run("import flat", "CPython", "3.11.7", EXE, ""))).isEmpty();
      // Four recordings of the range are too few for any change point (three a side at least).
      assertThat(known.slowdown(line().subList(5, 9), RUN)).isEmpty();
    }
  }
}
