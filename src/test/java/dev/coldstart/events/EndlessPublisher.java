package dev.coldstart.events;

import java.nio.file.Path;

/** Run in a child JVM by {@link EventLogTest}: publishes numbered events until it is killed. */
final class EndlessPublisher {
  private EndlessPublisher() {}

  static Event event(int i) {
    return new Event.RunFinished(i, 0, "endless", i * 0.5, i, true);
  }

  public static void main(String[] args) throws Exception {
    EventBus bus = new EventBus(System.err::println);
    bus.subscribe("log", EventLogWriter.open(Path.of(args[0])));
    for (int i = 1; ; i++) {
      bus.publish(event(i));
      if (i % 50 == 0) {
        Thread.sleep(5);
      }
    }
  }
}
