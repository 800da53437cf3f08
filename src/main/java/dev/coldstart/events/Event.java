package dev.coldstart.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened during a long measurement, published on an {@link EventBus} for
 * whoever listens (progress line, event log, dashboard). A closed set: listeners switch over it
 * exhaustively. Events are small immutable values, safe to hand to any thread.
 */
public sealed interface Event {

  /**
   * A run is about to start.
   *
   * @param index 1-based number of this run
   * @param total how many runs are planned, or 0 if unknown
   * @param kind what sort of run, in the publisher's words (for example "warm-up", "measure")
   * @param at when it started
   */
  record RunStarted(int index, int total, String kind, Instant at) implements Event {
    public RunStarted {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A run has finished.
   *
   * @param index 1-based number of this run
   * @param total how many runs are planned, or 0 if unknown
   * @param kind what sort of run, as in {@link RunStarted}
   * @param wallMs its wall-clock time in milliseconds
   * @param modules how many modules it imported
   * @param ok whether it succeeded
   */
  record RunFinished(int index, int total, String kind, double wallMs, int modules, boolean ok)
      implements Event {
    public RunFinished {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** Something the user should know about that does not stop the measurement. */
  record Warning(String message) implements Event {
    public Warning {
      Objects.requireNonNull(message, "message");
    }
  }

  /** The measurement is over; {@code summary} says how it went in one line. */
  record Done(String summary) implements Event {
    public Done {
      Objects.requireNonNull(summary, "summary");
    }
  }
}
