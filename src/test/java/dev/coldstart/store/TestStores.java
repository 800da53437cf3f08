package dev.coldstart.store;

import dev.coldstart.profile.Profile;
import dev.coldstart.stats.Estimate;
import dev.coldstart.testing.Postgres;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The two kinds of store every store test runs against, and recordings to put in them. */
public enum TestStores {
  SQLITE,
  POSTGRESQL;

  /** A new, empty store of this kind, as {@code --store} takes it. */
  public String fresh(Path tmp) {
    return switch (this) {
      case SQLITE -> tmp.resolve("history-" + System.nanoTime() + ".db").toString();
      case POSTGRESQL -> Postgres.freshDatabase();
    };
  }

  /** A profile of {@code target} whose runs' import times are {@code importMs}. */
  public static Profile profile(String target, String pythonVersion, List<String> limits, double... importMs) {
    return profile(target, new Profile.PythonInfo("/usr/bin/python3", pythonVersion, "CPython", true), limits,
        List.of("json"), importMs);
  }

  /**
   * A profile of {@code target} run by {@code python} under {@code limits}, with {@code loaded} in
   * {@code sys.modules} at exit (null: no import recording), whose runs' import times are {@code
   * importMs}.
   */
  public static Profile profile(
      String target, Profile.PythonInfo python, List<String> limits, List<String> loaded, double... importMs) {
    List<Double> xs = Arrays.stream(importMs).boxed().toList();
    List<Double> walls = Arrays.stream(importMs).map(x -> x + 10).boxed().toList();
    Estimate imp = Estimate.of(importMs);
    Estimate wall = Estimate.of(walls.stream().mapToDouble(Double::doubleValue).toArray());
    List<Profile.ModuleStat> modules = new ArrayList<>();
    modules.add(new Profile.ModuleStat("json", imp, imp, importMs.length, "/usr/lib/json/__init__.py", false, false, false, 0));
    modules.add(new Profile.ModuleStat("json.decoder", Estimate.of(new double[] {1, 2, 3}), imp, importMs.length, null, false, false, false, 1));
    return new Profile(
        Profile.SCHEMA, target, python,
        new Profile.MachineInfo("Linux", "amd64", 2, "21"), "2026-12-01T00:00:00Z", importMs.length, 1, limits,
        wall, null, null, imp, null, 10, 5, modules, List.of(), List.of(), null, null,
        new Profile.RunSamples(walls, xs, null, null), loaded);
  }

  public static Commit commit(String sha, String branch, String subject, int day) {
    return new Commit(sha, branch, false, subject, OffsetDateTime.of(2026, 11, day, 12, 0, 0, 0, ZoneOffset.UTC));
  }

  /** {@code c} committed {@code hours} hours after 2026-11-01 noon UTC (to order many commits). */
  public static Commit at(Commit c, int hours) {
    return new Commit(c.sha(), c.branch(), c.dirty(), c.subject(),
        OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC).plusHours(hours));
  }

  public static final Machine HERE = Machine.of("Test CPU", 4, "6.1.0", "Linux", "amd64");
  public static final Machine THERE = Machine.of("Other CPU", 8, "6.1.0", "Linux", "amd64");

  public static Recording recording(String entry, Commit c, Machine m, Profile p) {
    return new Recording(entry, "record", c, m, "test", Instant.parse("2026-12-05T00:00:00Z"), p);
  }
}
