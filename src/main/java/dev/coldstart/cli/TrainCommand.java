package dev.coldstart.cli;

import dev.coldstart.demo.DemoProject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden verb run once by the launcher under {@code -XX:AOTCacheOutput} (JDK 25+): exercises the
 * common verbs in-process, so the classes they load and link go into the
 * ahead-of-time cache and later starts skip that work. Profiles {@code import json} twice when a
 * Python is found (about half a second); without one those runs fail quickly. Prints nothing.
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
              // The store: SQLite written and read (history's text and JSON, change points), and
              // the PostgreSQL driver up to a refused connection (port 1), so that its classes are
              // in the cache too. Without Python, record fails fast and history reads an empty store.
              new String[] {"record", "-c", "import json", "--runs", "3", "--store", dir.resolve("history.db").toString()},
              new String[] {"history", "--store", dir.resolve("history.db").toString()},
              new String[] {"history", "--store", dir.resolve("history.db").toString(), "--format", "json"},
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
}
