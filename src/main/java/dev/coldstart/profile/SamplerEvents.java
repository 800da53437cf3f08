package dev.coldstart.profile;

import dev.coldstart.events.Event;
import dev.coldstart.python.ProcessResult;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Publishes what the sampler does as {@link Event}s (run started, run finished with its numbers,
 * warnings), so that a progress line, an event log and a dashboard can follow without the sampler
 * ever waiting for them: {@code publish} must not block (an {@code EventBus} never does).
 */
public final class SamplerEvents implements Sampler.Listener {
  private final Consumer<Event> publish;

  public SamplerEvents(Consumer<Event> publish) {
    this.publish = publish;
  }

  private static String kind(Run.Kind kind, boolean warmup) {
    String k = kind == Run.Kind.TARGET ? "target" : "bare";
    return warmup ? "warm-up " + k : k;
  }

  @Override
  public void runStarted(Run.Kind kind, boolean warmup, int number, int total) {
    publish.accept(new Event.RunStarted(number, total, kind(kind, warmup), Instant.now()));
  }

  @Override
  public void runFinished(Run run, int number, int total) {
    publish.accept(
        new Event.RunFinished(number, total, kind(run.kind(), false), run.wallMs(), rows(run.importTimeLines()), true));
  }

  @Override
  public void warmupFinished(Run.Kind kind, ProcessResult r, int number, int total) {
    publish.accept(
        new Event.RunFinished(number, total, kind(kind, true), r.wallNanos() / 1e6, rows(r.stderr()), r.ok()));
  }

  @Override
  public void stopped(String reason) {
    publish.accept(new Event.Warning("sampling stopped early: " + reason));
  }

  /** Modules with a row in a run (the header is not a row). */
  private static int rows(List<String> lines) {
    int n = 0;
    for (String l : lines) {
      if (l.startsWith("import time:") && !l.contains("| cumulative |")) {
        n++;
      }
    }
    return n;
  }
}
