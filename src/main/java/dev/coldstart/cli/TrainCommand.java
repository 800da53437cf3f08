package dev.coldstart.cli;

import dev.coldstart.demo.DemoProject;
import dev.coldstart.profile.Profile;
import dev.coldstart.stats.Estimate;
import dev.coldstart.store.Commit;
import dev.coldstart.store.Machine;
import dev.coldstart.store.Recording;
import dev.coldstart.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden verb run once by the launcher under {@code -XX:AOTCacheOutput} (JDK 25+): exercises the
 * common verbs in-process, so the classes they load and link go into the
 * ahead-of-time cache and later starts skip that work. Profiles {@code import json} twice when a
 * Python is found (about half a second); without one those runs fail quickly. The store verbs run
 * against a SQLite store holding two series with a change point, and the PostgreSQL driver up to a
 * refused connection. Training history through a PostgreSQL session as well made history on
 * PostgreSQL ~170 ms faster but every start ~20 ms slower, which {@code --version}'s 150 ms goal
 * cannot afford (docs/benchmarks.md, "History over 10,000 recordings"). Prints nothing.
 */
@Command(name = "aot-train", hidden = true, description = "Training run for the JDK's AOT cache (used by the launcher).")
public final class TrainCommand implements Callable<Integer> {

  // A short real -X importtime log (CPython 3.11, `import json`), so profile --log runs its whole path.
  private static final String LOG =
      """
      import time: self [us] | cumulative | imported package
      import time:       120 |        120 |   _io
      import time:       400 |        400 |   encodings
      import time:       150 |        150 |       json.scanner
      import time:       160 |        310 |     json.decoder
      import time:       140 |        140 |     json.encoder
      import time:       180 |        630 |   json
      """;

  public TrainCommand(Io io) {}

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("coldstart-train");
    try {
      DemoProject.unpack(dir);
      String db = dir.resolve("history.db").toString();
      try {
        recordSeries(db);
      } catch (RuntimeException e) {
        // A failed recording only weakens the training: history then reads a store without the
        // two series. It must not cost the whole cache.
      }
      List<String[]> runs =
          List.of(
              new String[] {"--help"},
              new String[] {"--version"},
              new String[] {"profile", "--help"},
              new String[] {"profile", "--log", "-"},
              new String[] {"profile", "--log", "-", "--format", "json"},
              new String[] {"imports", dir.toString()},
              new String[] {"no-such-verb"},
              // Needs Python: when there is none the verb fails fast with exit 3, which is fine.
              // With one, the whole profile path (probe, recorder, sampler, explanation, JSON)
              // is trained: those classes are most of what `profile` loads.
              new String[] {"profile", "-c", "import json", "--runs", "3", "--warmup", "1", "--timeout", "20"},
              new String[] {"profile", "-c", "import json", "--runs", "3", "--warmup", "1", "--timeout", "20", "--no-bare", "--format", "json"},
              // The store: SQLite written and read (history's text and JSON over series with a
              // change point, so the search and the shifts run). Without Python, record fails fast.
              new String[] {"record", "-c", "import json", "--runs", "3", "--store", db},
              new String[] {"history", "--store", db},
              new String[] {"history", "--store", db, "--format", "json"},
              // The PostgreSQL driver up to a refused connection (port 1).
              new String[] {"history", "--store", "postgresql://coldstart@127.0.0.1:1/coldstart"});
      for (String[] args : runs) {
        new Main(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), new ByteArrayInputStream(LOG.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .run(args);
      }
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }

  /**
   * Two series of {@value #COMMITS} commits with a step in the middle, recorded into
   * the SQLite store {@code db} through the store's own API (10 runs each, no Python needed).
   */
  private static final int COMMITS = 40;

  private static void recordSeries(String db) {
    try (Store store = Store.open(db, Path.of(db).getParent(), "aot-train", java.util.Map.of())) {
      Machine machine = Machine.of("Training CPU", 2, "6.1.0", "Linux", "amd64");
      Profile.PythonInfo python = new Profile.PythonInfo("/usr/bin/python3", "3.11.7", "CPython", true);
      for (int series = 0; series < 2; series++) {
        for (int c = 0; c < COMMITS; c++) {
          double[] runs = new double[10];
          for (int r = 0; r < runs.length; r++) {
            runs[r] = 50 + (c >= COMMITS / 2 ? 15 : 0) + ((c * 7 + r * 3 + series) % 11) * 0.2;
          }
          Commit commit = new Commit(String.format("%040x", c), "main", false, "commit " + c,
              OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC).plusHours(c));
          store.record(new Recording("import train" + series, "record", commit, machine, "aot-train",
              Instant.parse("2026-12-05T00:00:00Z"), profile("import train" + series, python, runs)));
        }
      }
    }
  }

  private static Profile profile(String target, Profile.PythonInfo python, double[] importMs) {
    List<Double> imports = Arrays.stream(importMs).boxed().toList();
    double[] wallMs = Arrays.stream(importMs).map(x -> x + 10).toArray();
    List<Double> walls = Arrays.stream(wallMs).boxed().toList();
    Estimate imp = Estimate.of(importMs);
    Estimate wall = Estimate.of(wallMs);
    return new Profile(Profile.SCHEMA, target, python, new Profile.MachineInfo("Linux", "amd64", 2, "25"),
        "2026-12-05T00:00:00Z", importMs.length, 1, List.of(), wall, null, null, imp, null, 10, 5,
        List.of(new Profile.ModuleStat("train", imp, imp, importMs.length, "/srv/train/__init__.py", false, false, false, 0)),
        List.of(), List.of(), null, null, new Profile.RunSamples(walls, imports, null, null), List.of("train"));
  }
}
