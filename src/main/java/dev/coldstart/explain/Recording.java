package dev.coldstart.explain;

import dev.coldstart.SideWork;
import dev.coldstart.UserError;
import dev.coldstart.profile.Inventory;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One untimed run of a target under the import recorder ({@code record_imports.py}): the {@link
 * ImportLog} it wrote and how the process ended. The same run gives the profiler its {@link
 * Inventory} (the final {@code sys.modules} with files and extension flags), so profiling with
 * explanations costs no extra process.
 *
 * @param log what the recorder wrote; null when it did not even start
 * @param result how the target's process ended
 * @param problem why there is no log, or null
 */
public record Recording(ImportLog log, ProcessResult result, String problem) {

  /** Runs {@code target} once under the recorder. Never throws for a failing target. */
  public static Recording run(
      Interpreter python, Target target, Duration timeout, Map<String, String> env, Path directory) {
    return launch(python, target, timeout, env, directory).parse();
  }

  /**
   * A finished recording run whose output is in memory, partly parsed while the run went on (see
   * {@link RecordTail}); its temporary directory is already gone. The rest of the parsing can wait
   * (see {@link Pass}).
   */
  private record Launched(ProcessResult result, RecordTail.Stopped read, String problem) {
    Recording parse() {
      if (read == null) {
        return new Recording(null, result, problem);
      }
      try {
        return new Recording(read.finish(), result, null);
      } catch (UserError e) {
        return new Recording(null, result, e.getMessage());
      }
    }
  }

  private static Launched launch(
      Interpreter python, Target target, Duration timeout, Map<String, String> env, Path directory) {
    Path dir = null;
    try {
      dir = privateDirectory();
      Path script = RecorderScript.extractTo(dir);
      Path out = dir.resolve("imports.jsonl");
      PythonProcess p = RecorderScript.process(python, script, out, target.pythonArgs()).timeout(timeout);
      env.forEach(p::env);
      if (directory != null) {
        p.directory(directory);
      }
      RecordTail tail = RecordTail.follow(out);
      ProcessResult r;
      RecordTail.Stopped read;
      try {
        r = p.run();
      } finally {
        // Before the directory goes, also when the run could not start.
        read = stopQuietly(tail);
      }
      if (!Files.exists(out) || Files.size(out) == 0) {
        return new Launched(r, null, "the recording run wrote nothing (exit " + r.exitCode() + ")");
      }
      if (read == null) {
        return new Launched(r, null, "cannot read the import record " + out);
      }
      return new Launched(r, read, null);
    } catch (IOException e) {
      return new Launched(null, null, "the recording run failed: " + e.getMessage());
    } finally {
      deleteQuietly(dir);
    }
  }

  private static RecordTail.Stopped stopQuietly(RecordTail tail) {
    try {
      return tail.stop();
    } catch (java.io.UncheckedIOException e) {
      return null;
    }
  }

  /** The target exited with an error, timed out or was interrupted. */
  public boolean failed() {
    return result == null || result.exitCode() != 0 || result.timedOut() || result.interrupted();
  }

  /** Why the target failed, with the end of its standard error (the Python error). */
  public String failure() {
    if (result == null) {
      return problem;
    }
    if (result.timedOut()) {
      return "the target timed out";
    }
    List<String> err = result.stderr();
    List<String> tail = err.subList(Math.max(0, err.size() - 12), err.size());
    return "the target failed (exit "
        + result.exitCode()
        + ")"
        + (tail.isEmpty() ? "" : ":\n  " + String.join("\n  ", tail));
  }

  /** Files, extension flags and loaded modules at exit, as the profiler wants them. */
  public Inventory inventory() {
    if (log == null) {
      return Inventory.unavailable(problem);
    }
    if (!log.complete()) {
      return Inventory.unavailable(
          "the recording run ended before it could list the loaded modules (exit "
              + (result == null ? "?" : result.exitCode())
              + ")");
    }
    Map<String, Inventory.Entry> out = new HashMap<>();
    for (ImportLog.LoadedModule m : log.modules()) {
      boolean pkg =
          "namespace".equals(m.kind())
              || m.file() != null && m.file().matches(".*[/\\\\]__init__\\.[^/\\\\]+$");
      out.put(m.name(), new Inventory.Entry(m.name(), m.file(), m.isExtension(), pkg));
    }
    return new Inventory(Map.copyOf(out), null);
  }

  /**
   * An inventory pass for the profiler that keeps each recording, so that the target's can be
   * explained afterwards without running it again. The recording run itself happens in {@link
   * #take} (it is the warm-up, so it must end before the timed runs start); parsing its output and
   * {@code prepare}, the part of the explanation that needs no times, are {@link SideWork} done
   * while the timed runs go on.
   *
   * @param <P> what {@code prepare} makes of the target's recording
   */
  public static final class Pass<P> implements Inventory.Pass {
    private final Target prepareFor;
    private final Function<Recording, P> prepare;
    // By identity: a record's first equals or hashCode links its generated methods (~6 ms on a
    // cold JVM), here on the way to the first timed run. Callers ask with the object they gave.
    private final Map<Target, SideWork<Made<P>>> made = new java.util.IdentityHashMap<>();

    /** A recording, and what was prepared from it (or why preparing failed). */
    private record Made<P>(Recording recording, P prepared, RuntimeException failure) {}

    /** A pass that only records. */
    public Pass() {
      this(null, r -> null);
    }

    /**
     * A pass that also applies {@code prepare} to the recording of {@code prepareFor} (the same
     * object, when it has a log), on the side.
     */
    public Pass(Target prepareFor, Function<Recording, P> prepare) {
      this.prepareFor = prepareFor;
      this.prepare = prepare;
    }

    @Override
    public Supplier<Inventory> take(
        Interpreter python,
        Target target,
        Duration timeout,
        Map<String, String> env,
        Path directory) {
      Launched run = launch(python, target, timeout, env, directory);
      boolean wanted = target == prepareFor;
      SideWork<Made<P>> work =
          SideWork.start(
              "recording",
              () -> {
                Recording r = run.parse();
                if (!wanted || r.log() == null) {
                  return new Made<>(r, null, null);
                }
                try {
                  return new Made<>(r, prepare.apply(r), null);
                } catch (RuntimeException e) {
                  return new Made<>(r, null, e);
                }
              });
      synchronized (made) {
        made.put(target, work);
      }
      return () -> work.join().recording().inventory();
    }

    /**
     * The recording of {@code target} (the object given to {@link #take}), or null when it was not
     * made (e.g. interrupted).
     */
    public Recording of(Target target) {
      SideWork<Made<P>> work;
      synchronized (made) {
        work = made.get(target);
      }
      return work == null ? null : work.join().recording();
    }

    /**
     * What {@code prepare} made of the recording of the target given to the constructor; null
     * when there is no such recording or it has no log. Rethrows what {@code prepare} threw.
     */
    public P prepared() {
      SideWork<Made<P>> work;
      synchronized (made) {
        work = made.get(prepareFor);
      }
      if (work == null) {
        return null;
      }
      Made<P> m = work.join();
      if (m.failure() != null) {
        throw m.failure();
      }
      return m.prepared();
    }
  }

  /**
   * A new directory only we can use, under the system's temporary directory. Named from our pid
   * and the clock rather than with {@code Files.createTempDirectory}, whose first use seeds a
   * SecureRandom (~6 ms on the critical path of every profile); creating it fails on any existing
   * name, a planted link included, and then another name is tried. {@link StatementTimes} uses it
   * too.
   */
  static Path privateDirectory() throws IOException {
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    String stem = "coldstart-record-" + ProcessHandle.current().pid() + "-";
    for (int attempt = 0; ; attempt++) {
      Path dir = base.resolve(stem + Long.toHexString(System.nanoTime()));
      try {
        return Files.createDirectory(
            dir,
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      } catch (UnsupportedOperationException e) {
        return Files.createTempDirectory("coldstart-record"); // not a POSIX file system
      }
    }
  }

  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // A temp directory left behind is harmless.
    }
  }
}
