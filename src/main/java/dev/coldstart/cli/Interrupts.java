package dev.coldstart.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a measurement: the first SIGINT interrupts the measuring thread, which stops after
 * killing the current run and prints what was measured; a second one exits at once. Installed only
 * by verbs that measure, and removed when they finish.
 */
final class Interrupts implements AutoCloseable {
  private final AtomicInteger count = new AtomicInteger();
  private final SignalHandler previous;
  private final boolean installed;

  private Interrupts(Thread worker) {
    SignalHandler prev = null;
    boolean ok;
    try {
      prev =
          Signal.handle(
              new Signal("INT"),
              sig -> {
                if (count.incrementAndGet() > 1) {
                  Runtime.getRuntime().halt(130);
                }
                worker.interrupt();
              });
      ok = true;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      ok = false; // No signals here (e.g. -Xrs): Ctrl-C ends the JVM the usual way.
    }
    this.previous = prev;
    this.installed = ok;
  }

  static Interrupts forCurrentThread() {
    return new Interrupts(Thread.currentThread());
  }

  boolean happened() {
    return count.get() > 0;
  }

  @Override
  public void close() {
    if (installed) {
      Signal.handle(new Signal("INT"), previous);
    }
    Thread.interrupted(); // Clear a late interrupt so it does not leak into the rest of the verb.
  }
}
