package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.events.Event;
import dev.coldstart.events.EventBus;
import dev.coldstart.events.EventLogWriter;
import dev.coldstart.events.ProgressLine;
import dev.coldstart.profile.Sampler;
import dev.coldstart.profile.SamplerEvents;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The audience of one long measurement: an event bus with the terminal progress line and, with
 * {@code --events FILE}, an event log on disk. The sampler publishes and never waits; closing
 * drains every event to every listener, so the log is complete, and joins their threads.
 */
final class Measurement implements AutoCloseable {
  private final EventBus bus;
  private final Sampler.Listener listener;

  private Measurement(EventBus bus) {
    this.bus = bus;
    this.listener = new SamplerEvents(bus::publish);
  }

  static Measurement open(Io io, Path eventLog) {
    EventBus bus = new EventBus(problem -> io.err().println("coldstart: " + problem));
    bus.subscribe("progress", new ProgressLine(io.err(), Terminal.stderrIsTerminal()));
    if (eventLog != null) {
      try {
        bus.subscribe("event-log", EventLogWriter.open(eventLog));
      } catch (IOException e) {
        bus.close();
        throw UserError.usage("cannot write the event log " + eventLog + ": " + e.getMessage());
      }
    }
    return new Measurement(bus);
  }

  Sampler.Listener listener() {
    return listener;
  }

  void done(String summary) {
    bus.publish(new Event.Done(summary));
  }

  @Override
  public void close() {
    // After Ctrl-C this thread is interrupted; draining must still wait for the listeners, so the
    // flag is set aside while the bus closes and restored after.
    boolean interrupted = Thread.interrupted();
    try {
      bus.close();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
