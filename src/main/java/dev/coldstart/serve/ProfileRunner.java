package dev.coldstart.serve;

import dev.coldstart.UserError;
import dev.coldstart.events.Event;
import dev.coldstart.explain.Explainer;
import dev.coldstart.events.EventBus;
import dev.coldstart.events.EventLogWriter;
import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.profile.Run;
import dev.coldstart.profile.Sampler;
import dev.coldstart.profile.SamplerEvents;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the profiles the page asks for, one at a time, each on its own (non-daemon) thread.
 *
 * <p>A job owns an {@link EventBus} like the profile verb's: the sampler publishes and never waits;
 * the listeners are the event log on disk ({@code .coldstart/NAME.events.jsonl}, unbounded: it must
 * be complete) and the dashboard ({@link Audience#event}, which never blocks, and fans out to each
 * viewer's bounded backlog). When sampling ends the job publishes {@code Done}, saves the profile
 * atomically, and closes the bus, which drains every event to the log before the page is told the
 * job finished.
 *
 * <p>{@link #stop} interrupts the job's thread: the sampler kills the current run and returns what
 * was measured, which is saved like a finished profile (marked stopped).
 */
final class ProfileRunner implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Thrown by {@link #start} while another profile runs (HTTP 409). */
  static final class Busy extends RuntimeException {
    Busy(String message) {
      super(message);
    }
  }

  /**
   * How a job went, for tests and the page.
   *
   * @param status finished, stopped or failed
   * @param profile the saved profile's name, or null
   * @param eventLog the event log file
   * @param published run_finished events published on the bus
   * @param measuredRuns measured runs (target and bare)
   * @param runsPerSecond measured runs over the time from the first measured start to the last finish
   * @param typicalRunsPerSecond one over the median time from one run's finish to the next: the
   *     same pace, but a burst of load from elsewhere on the machine moves it far less
   * @param error what went wrong, or null
   */
  record Outcome(
      String id,
      String status,
      String profile,
      Path eventLog,
      int published,
      int measuredRuns,
      double runsPerSecond,
      double typicalRunsPerSecond,
      String error) {}

  private final Interpreter python;
  private final Path directory;
  private final ProfileStore store;
  private final Audience audience;
  private final Consumer<String> log;
  private final AtomicInteger ids = new AtomicInteger();
  private Thread worker; // guarded by this
  private String workerId; // the running job, guarded by this
  private boolean closed; // guarded by this
  private boolean stopRequested; // guarded by this
  private boolean sampling; // the worker is measuring and may be interrupted, guarded by this

  ProfileRunner(Interpreter python, Path directory, ProfileStore store, Audience audience, Consumer<String> log) {
    this.python = python;
    this.directory = directory;
    this.store = store;
    this.audience = audience;
    this.log = log;
  }

  /**
   * Starts a job and returns its description at once; {@code whenDone} gets its outcome.
   *
   * @throws Busy when a job is running
   */
  synchronized ObjectNode start(StartRequest req, Consumer<Outcome> whenDone) {
    if (closed) {
      throw new Busy("the dashboard is shutting down");
    }
    if (workerId != null) {
      throw new Busy("a profile is already running (" + workerId + "); wait for it or stop it");
    }
    String id = "job-" + ids.incrementAndGet();
    String stem = store.newStem(req.target().describe());
    ObjectNode info = JSON.createObjectNode();
    info.put("id", id);
    info.put("target", req.target().describe());
    info.put("runs", req.runs());
    info.put("warmup", req.warmup());
    info.put("bare", req.bare());
    info.put("python", python.describe());
    info.put("profile", stem + ".json");
    // Told under this lock, before the thread exists, so every viewer sees job_started first.
    audience.jobStarted(info);
    Thread t =
        Thread.ofPlatform()
            .name("coldstart-profile-" + id)
            .daemon(false)
            .unstarted(() -> whenDone.accept(run(id, stem, req)));
    worker = t;
    workerId = id;
    stopRequested = false;
    t.start();
    return info;
  }

  /** Stops the running job, if any, and waits up to {@code wait} for it to save and drain. */
  boolean stop(Duration wait) throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = worker;
    }
    if (t == null) {
      return true;
    }
    synchronized (this) {
      stopRequested = true;
      if (sampling) {
        t.interrupt(); // Only while sampling: after it, the job is saving and about to end.
      }
    }
    return t.join(wait);
  }

  synchronized boolean busy() {
    return workerId != null;
  }

  /** Refuses new jobs, stops the running one and waits for its event log to be complete. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    try {
      if (!stop(Duration.ofSeconds(60))) {
        log.accept("the running profile did not stop within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Outcome run(String id, String stem, StartRequest req) {
    Path eventLog = null;
    String status;
    String name = null;
    String error = null;
    Timing timing = new Timing();
    EventBus bus = new EventBus(log);
    try {
      eventLog = store.eventLog(stem);
      bus.subscribe("event-log", EventLogWriter.open(eventLog));
      bus.subscribe("dashboard", audience::event);
      Sampler.Listener events = new SamplerEvents(bus::publish);
      Profiler.Request request =
          new Profiler.Request(
              python, req.target(), req.runs(), req.warmup(), req.timeout(), req.bare(), Map.of(), directory, List.of());
      // The same use case as the profile verb: timed samples plus one untimed import recording, so
      // the saved profile carries retained times and opportunities for the report.
      synchronized (this) {
        sampling = true;
        if (stopRequested) {
          Thread.currentThread().interrupt(); // Stopped before it began: sample nothing.
        }
      }
      Profile profile;
      boolean interrupted;
      try {
        profile = Explainer.profile(request, timing.around(events)).profile();
      } finally {
        synchronized (this) {
          sampling = false;
          // Cleared, not just read, and no later stop interrupts: saving uses a FileChannel,
          // which an interrupt would close mid-write.
          interrupted = Thread.interrupted();
        }
      }
      status = interrupted || profile.stoppedBy() != null ? "stopped" : "finished";
      if (profile.stoppedBy() != null && !interrupted) {
        error = "stopped early: " + profile.stoppedBy();
      }
      bus.publish(new Event.Done(summary(profile, interrupted)));
      if (profile.runs() > 0) {
        name = store.save(stem, profile);
      } else {
        error = "nothing was measured" + (profile.stoppedBy() == null ? "" : ": " + profile.stoppedBy());
      }
    } catch (UserError e) {
      status = "failed";
      error = e.getMessage();
      publishQuietly(bus, new Event.Warning(error));
      publishQuietly(bus, new Event.Done("failed: " + firstLine(error)));
    } catch (IOException e) {
      status = "failed";
      error = "cannot write under " + store.folder() + ": " + e.getMessage();
      publishQuietly(bus, new Event.Done("failed: " + error));
    } catch (RuntimeException e) {
      status = "failed";
      error = "internal error (please report it): " + e;
      publishQuietly(bus, new Event.Done("failed: " + error));
    } finally {
      // The interrupt that stopped sampling must not cut the drain short.
      boolean interrupted = Thread.interrupted();
      bus.close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    log.accept(
        id + " " + status + (name == null ? "" : ": saved " + store.folder().resolve(name))
            + (eventLog == null ? "" : " (event log " + eventLog.getFileName() + ")")
            + (error == null ? "" : ": " + firstLine(error)));
    Outcome outcome =
        new Outcome(id, status, name, eventLog, timing.published.get(), timing.measured, timing.runsPerSecond(), timing.typicalRunsPerSecond(), error);
    ObjectNode result = JSON.createObjectNode();
    result.put("id", id);
    result.put("status", status);
    result.put("profile", name);
    result.put("error", error);
    result.put("runs", timing.measured);
    result.put("runsPerSecond", timing.runsPerSecond());
    synchronized (this) {
      workerId = null; // The next job may start as soon as the page hears this one finished.
      audience.jobFinished(result);
    }
    return outcome;
  }

  private static void publishQuietly(EventBus bus, Event e) {
    try {
      bus.publish(e);
    } catch (IllegalStateException closed) {
      // Not reachable before close; kept so a failure path never hides the first error.
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String summary(Profile p, boolean interrupted) {
    String wall = p.wallMs() == null ? "" : String.format(Locale.ROOT, "; median %.2f ms", p.wallMs().median());
    return p.runs() + " runs of " + p.target() + wall + (interrupted ? "; stopped" : "");
  }

  /**
   * Counts what the sampler reports and times the measured runs: the dashboard's cost shows as
   * fewer runs per second, the figure the slow-viewer test compares.
   */
  private static final class Timing {
    final AtomicInteger published = new AtomicInteger();
    volatile int measured;
    volatile long firstStart;
    volatile long lastFinish;
    final List<Long> finishes = new java.util.concurrent.CopyOnWriteArrayList<>();

    Sampler.Listener around(Sampler.Listener inner) {
      return new Sampler.Listener() {
        @Override
        public void runStarted(Run.Kind kind, boolean warmup, int number, int total) {
          if (!warmup && firstStart == 0) {
            firstStart = System.nanoTime();
          }
          inner.runStarted(kind, warmup, number, total);
        }

        @Override
        public void runFinished(Run run, int number, int total) {
          lastFinish = System.nanoTime();
          finishes.add(lastFinish);
          measured++;
          published.incrementAndGet();
          inner.runFinished(run, number, total);
        }

        @Override
        public void warmupFinished(Run.Kind kind, ProcessResult result, int number, int total) {
          published.incrementAndGet();
          inner.warmupFinished(kind, result, number, total);
        }

        @Override
        public void stopped(String reason) {
          inner.stopped(reason);
        }
      };
    }

    double typicalRunsPerSecond() {
      if (finishes.size() < 2) {
        return runsPerSecond();
      }
      long[] gaps = new long[finishes.size() - 1];
      for (int i = 1; i < finishes.size(); i++) {
        gaps[i - 1] = finishes.get(i) - finishes.get(i - 1);
      }
      java.util.Arrays.sort(gaps);
      int m = gaps.length / 2;
      double median = gaps.length % 2 == 1 ? gaps[m] : (gaps[m - 1] + gaps[m]) / 2.0;
      return 1e9 / median;
    }

    double runsPerSecond() {
      long span = lastFinish - firstStart;
      return measured == 0 || firstStart == 0 || span <= 0 ? 0 : measured / (span / 1e9);
    }
  }
}
