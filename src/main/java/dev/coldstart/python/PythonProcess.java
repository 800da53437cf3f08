package dev.coldstart.python;

import dev.coldstart.UserError;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs one interpreter process with a timeout and bounded memory.
 *
 * <p>Standard error is read line by line while the process runs: lines that match the "keep"
 * predicate (the {@code -X importtime} rows) are kept whole however many there are; every other
 * line is kept only among the first and last {@value #OTHER_HEAD} lines, so a target that prints
 * gigabytes costs a constant amount of memory. Standard input is empty. On timeout or interrupt
 * the whole process tree is killed: descendants are collected before the parent dies, so children
 * that would be re-parented to init are killed too.
 */
public final class PythonProcess {
  static final int OTHER_HEAD = 200;
  private static final int STDOUT_CAP = 16 << 20;

  private final Path executable;
  private final List<String> args;
  private final Map<String, String> envChanges = new HashMap<>();
  private Map<String, String> environment; // null: coldstart's own
  private Path directory;
  private Duration timeout = Duration.ofMinutes(10);
  private boolean captureStdout = true;
  private Predicate<String> keep = line -> false;
  private RunHook hook = RunHook.NONE;

  private PythonProcess(Path executable, List<String> args) {
    this.executable = executable;
    this.args = List.copyOf(args);
  }

  /** A process of {@code executable} with {@code args} (everything after the interpreter). */
  public static PythonProcess builder(Path executable, List<String> args) {
    return new PythonProcess(executable, args);
  }

  /** Gives the child exactly {@code env} (before {@link #env} changes) instead of coldstart's own. */
  public PythonProcess environment(Map<String, String> env) {
    this.environment = Map.copyOf(env);
    return this;
  }

  /** Sets (or, with a null value, removes) an environment variable for the child. */
  public PythonProcess env(String name, String value) {
    envChanges.put(name, value);
    return this;
  }

  public PythonProcess directory(Path dir) {
    this.directory = dir;
    return this;
  }

  public PythonProcess timeout(Duration t) {
    this.timeout = t;
    return this;
  }

  /** Discards standard output instead of capturing it (timed runs: no pipe to drain). */
  public PythonProcess discardStdout() {
    this.captureStdout = false;
    return this;
  }

  /** Standard-error lines to keep in full; all others are bounded. */
  public PythonProcess keepStderr(Predicate<String> keep) {
    this.keep = keep;
    return this;
  }

  /** Lets {@code hook} prepare each start (untimed) and rewrite the command line. */
  public PythonProcess hook(RunHook hook) {
    this.hook = hook;
    return this;
  }

  /**
   * Starts the process and waits for it. An interrupt of the calling thread kills the process tree
   * and returns a result marked interrupted (the thread's interrupt flag is set again).
   *
   * @throws UserError exit 3 when the executable cannot be started at all
   */
  public ProcessResult run() {
    List<String> cmd = new ArrayList<>(args.size() + 1);
    cmd.add(executable.toString());
    cmd.addAll(args);
    cmd = hook.prepare(cmd);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (environment != null) {
      pb.environment().clear();
      pb.environment().putAll(environment);
    }
    envChanges.forEach(
        (k, v) -> {
          if (v == null) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    if (directory != null) {
      pb.directory(directory.toFile());
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (!captureStdout) {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    long t0 = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw UserError.target("cannot start " + executable + ": " + e.getMessage());
    }
    PatientPipe errPipe = new PatientPipe(p.getErrorStream());
    StderrCollector err = new StderrCollector(errPipe, keep);
    Thread errThread = Thread.ofPlatform().name("stderr-" + p.pid()).start(err);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread outThread = null;
    PatientPipe outPipe = captureStdout ? new PatientPipe(p.getInputStream()) : null;
    if (outPipe != null) {
      outThread = Thread.ofPlatform().name("stdout-" + p.pid()).start(() -> drain(outPipe, out));
    }
    boolean timedOut = false;
    boolean interrupted = false;
    try {
      if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        timedOut = true;
        killTree(p);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      killTree(p);
    }
    long wall = System.nanoTime() - t0;
    errPipe.exited();
    if (outPipe != null) {
      outPipe.exited();
    }
    joinQuietly(errThread);
    if (outThread != null) {
      joinQuietly(outThread);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = -1;
    }
    return new ProcessResult(
        code,
        timedOut,
        interrupted,
        wall,
        out.toString(StandardCharsets.UTF_8),
        err.lines(),
        err.omitted());
  }

  /** Kills the process and every descendant; children first are collected, then all are killed. */
  static void killTree(Process p) {
    List<ProcessHandle> all = p.descendants().toList();
    p.destroyForcibly();
    for (ProcessHandle h : all) {
      h.destroyForcibly();
    }
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (out.size() < STDOUT_CAP) {
          out.write(buf, 0, Math.min(n, STDOUT_CAP - out.size()));
        }
      }
    } catch (IOException e) {
      // The process died; what was read is kept.
    }
  }

  /** Keeps matching lines whole and a head and tail of the others, in their original order. */
  private static final class StderrCollector implements Runnable {
    private final InputStream in;
    private final Predicate<String> keep;
    private final List<String> kept = new ArrayList<>();
    // Other lines beyond the head wait here; only the last OTHER_HEAD survive.
    private final ArrayDeque<Integer> tailIndex = new ArrayDeque<>();
    private int otherSeen;
    private long omitted;

    StderrCollector(InputStream in, Predicate<String> keep) {
      this.in = in;
      this.keep = keep;
    }

    @Override
    public void run() {
      // InputStreamReader replaces malformed UTF-8 instead of failing.
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          accept(line);
        }
      } catch (IOException | UncheckedIOException e) {
        // The process died mid-line; what was read is kept.
      }
    }

    private synchronized void accept(String line) {
      if (keep.test(line)) {
        kept.add(line);
        return;
      }
      otherSeen++;
      if (otherSeen <= OTHER_HEAD) {
        kept.add(line);
        return;
      }
      kept.add(line);
      tailIndex.addLast(kept.size() - 1);
      if (tailIndex.size() > OTHER_HEAD) {
        kept.set(tailIndex.removeFirst(), null);
        omitted++;
        if (kept.size() > 4 * OTHER_HEAD && omitted % OTHER_HEAD == 0) {
          compact();
        }
      }
    }

    /** Drops the nulls left by omitted lines; keeps tail indices valid. Amortised O(1) per line. */
    private void compact() {
      List<String> fresh = new ArrayList<>(kept.size());
      ArrayDeque<Integer> freshTail = new ArrayDeque<>();
      java.util.Iterator<Integer> tail = tailIndex.iterator();
      int nextTail = tail.hasNext() ? tail.next() : -1;
      for (int i = 0; i < kept.size(); i++) {
        String s = kept.get(i);
        if (s == null) {
          // One null stands for a run of omitted lines.
          if (!fresh.isEmpty() && fresh.get(fresh.size() - 1) == null) {
            continue;
          }
          fresh.add(null);
          continue;
        }
        if (i == nextTail) {
          freshTail.addLast(fresh.size());
          nextTail = tail.hasNext() ? tail.next() : -1;
        }
        fresh.add(s);
      }
      kept.clear();
      kept.addAll(fresh);
      tailIndex.clear();
      tailIndex.addAll(freshTail);
    }

    synchronized List<String> lines() {
      List<String> result = new ArrayList<>(kept.size() + 1);
      boolean markerDone = false;
      for (String s : kept) {
        if (s == null) {
          if (!markerDone) {
            result.add("[coldstart: " + omitted + " lines of the target's stderr omitted]");
            markerDone = true;
          }
          continue;
        }
        result.add(s);
      }
      return result;
    }

    synchronized long omitted() {
      return omitted;
    }
  }
}
