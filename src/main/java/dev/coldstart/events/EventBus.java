package dev.coldstart.events;

import dev.coldstart.channel.Channel;
import dev.coldstart.channel.ChannelClosedException;
import dev.coldstart.channel.ChannelFullException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Fans events out from a producer to listeners without the producer ever waiting for one (seed
 * 001: a worker that reported to a busy consumer stalled the measurement).
 *
 * <p>Each subscription owns a {@link Channel} and one platform (non-daemon) dispatch thread that
 * takes events from it and calls its listener. {@link #publish} only puts the event into every
 * channel, so a slow or stuck listener delays nobody but itself; an unbounded subscription keeps
 * every event for it, a bounded one drops by its overflow policy. A listener that throws is
 * reported once (to the problem sink and {@link #problems}), gets no further events, and does not
 * affect the others.
 *
 * <p>{@link #close} ends publishing, lets every dispatch thread deliver what its listener has not
 * yet received (teardown drains every event: no truncated log), calls each listener's
 * {@link Listener#onClose}, and joins the threads, so no thread outlives the bus. A listener that
 * is still busy when the grace period runs out is interrupted and reported. Close is idempotent.
 *
 * <p>Costs: {@code publish} is O(subscriptions), one uncontended lock per channel; memory is
 * O(events not yet taken by the slowest unbounded listener).
 */
public final class EventBus implements AutoCloseable {
  /** How long {@link #close()} waits for listeners to finish their backlog. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  // After the grace period, how long an interrupted listener gets to stop.
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(1);

  /** Receives events on its own thread, one at a time, in publish order. */
  public interface Listener {
    void onEvent(Event event) throws Exception;

    /** Called once on the listener's thread after its last event (also after a failure). */
    default void onClose() throws Exception {}
  }

  /** A listener's place on the bus. */
  public interface Subscription extends AutoCloseable {
    String name();

    /** Events this listener missed because its bounded channel overflowed. */
    long dropped();

    /** Stops sending new events to this listener; it still gets those already published. */
    @Override
    void close();
  }

  private final Consumer<String> problemSink;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<Dispatcher> dispatchers = new CopyOnWriteArrayList<>();
  // publish holds the read side (publishers never exclude each other); subscribe and close hold the
  // write side, so an event reaches either every current listener or none.
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private boolean closed;
  private boolean joined;

  /** A bus that reports listener failures to {@code problemSink} (called from any thread). */
  public EventBus(Consumer<String> problemSink) {
    this.problemSink = Objects.requireNonNull(problemSink, "problemSink");
  }

  /** A bus that only keeps listener failures in {@link #problems}. */
  public EventBus() {
    this(problem -> {});
  }

  /** Adds a listener that receives every event published from now on (unbounded backlog). */
  public Subscription subscribe(String name, Listener listener) {
    return subscribe(name, listener, Channel.unbounded());
  }

  /**
   * Adds a listener whose backlog holds at most {@code capacity} events, dropping by {@code
   * overflow} beyond that: for listeners that may lag, such as a remote viewer.
   */
  public Subscription subscribe(
      String name, Listener listener, int capacity, Channel.Overflow overflow) {
    return subscribe(name, listener, Channel.bounded(capacity, overflow));
  }

  private Subscription subscribe(String name, Listener listener, Channel<Event> backlog) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(listener, "listener");
    gate.writeLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the event bus is closed");
      }
      dispatchers.removeIf(d -> !d.thread.isAlive() && d.backlog.isClosed());
      Dispatcher dispatcher = new Dispatcher(name, listener, backlog);
      dispatchers.add(dispatcher);
      dispatcher.thread.start();
      return dispatcher;
    } finally {
      gate.writeLock().unlock();
    }
  }

  /**
   * Hands {@code event} to every listener's backlog and returns at once.
   *
   * @throws IllegalStateException if the bus is closed
   */
  public void publish(Event event) {
    Objects.requireNonNull(event, "event");
    gate.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("cannot publish: the event bus is closed");
      }
      for (Dispatcher dispatcher : dispatchers) {
        dispatcher.offer(event);
      }
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Closes with {@link #DEFAULT_GRACE}. */
  @Override
  public void close() {
    close(DEFAULT_GRACE);
  }

  /**
   * Stops publishing, waits up to {@code grace} for every listener to receive its backlog and
   * finish, then interrupts the ones still busy. Returns whether every listener finished in time.
   * Later calls return at once with the first call's answer.
   */
  public synchronized boolean close(Duration grace) {
    gate.writeLock().lock();
    try {
      if (closed) {
        return joined;
      }
      closed = true;
      for (Dispatcher dispatcher : dispatchers) {
        dispatcher.backlog.close();
      }
    } finally {
      gate.writeLock().unlock();
    }
    List<Dispatcher> late = new ArrayList<>();
    long deadline = System.nanoTime() + grace.toNanos();
    for (Dispatcher dispatcher : dispatchers) {
      if (!join(dispatcher.thread, deadline - System.nanoTime())) {
        late.add(dispatcher);
      }
    }
    for (Dispatcher dispatcher : late) {
      report(
          "listener '%s' had not finished %d s after close; interrupting it"
              .formatted(dispatcher.name, grace.toSeconds()));
      dispatcher.thread.interrupt();
    }
    long afterInterrupt = System.nanoTime() + AFTER_INTERRUPT.toNanos();
    for (Dispatcher dispatcher : late) {
      if (!join(dispatcher.thread, afterInterrupt - System.nanoTime())) {
        report("listener '%s' ignored the interrupt; its thread is abandoned".formatted(dispatcher.name));
      }
    }
    joined = late.isEmpty();
    return joined;
  }

  /** Listener failures and late listeners, in the order they happened. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  private void report(String problem) {
    problems.add(problem);
    try {
      problemSink.accept(problem);
    } catch (RuntimeException ignored) {
      // The sink is ours to call, not to be broken by; the problem is still in problems().
    }
  }

  private static boolean join(Thread thread, long nanos) {
    try {
      return thread.join(Duration.ofNanos(Math.max(nanos, 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !thread.isAlive();
    }
  }

  /** One listener, its backlog and its thread. */
  private final class Dispatcher implements Subscription, Runnable {
    final String name;
    final Listener listener;
    final Channel<Event> backlog;
    final Thread thread;

    Dispatcher(String name, Listener listener, Channel<Event> backlog) {
      this.name = name;
      this.listener = listener;
      this.backlog = backlog;
      this.thread = Thread.ofPlatform().name("coldstart-events-" + name).daemon(false).unstarted(this);
    }

    void offer(Event event) {
      try {
        backlog.put(event);
      } catch (ChannelClosedException | ChannelFullException gone) {
        // Unsubscribed, failed, or over its bound (counted in dropped()): skip this listener.
      }
    }

    @Override
    public void run() {
      try {
        for (Event event : backlog) {
          try {
            listener.onEvent(event);
          } catch (Throwable failure) {
            report(
                "listener '%s' failed on %s and gets no further events: %s"
                    .formatted(name, EventLog.typeOf(event), describe(failure)));
            backlog.close();
            return;
          }
        }
      } catch (CancellationException interrupted) {
        // Interrupted while waiting for an event: the bus gave up on this listener.
      } finally {
        try {
          listener.onClose();
        } catch (Throwable failure) {
          report("listener '%s' failed to close: %s".formatted(name, describe(failure)));
        }
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long dropped() {
      return backlog.dropped();
    }

    @Override
    public void close() {
      backlog.close();
    }
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
