package dev.coldstart.serve;

import dev.coldstart.channel.Channel;
import dev.coldstart.channel.ChannelClosedException;
import dev.coldstart.events.Event;
import dev.coldstart.events.EventLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard's viewers: every open server-sent-event stream, each with its own BOUNDED backlog
 * ({@link Channel.Overflow#DROP_OLDEST}) and its own thread that writes to its socket.
 *
 * <p>Why this shape (docs/channel.md): the measurement publishes into an event bus, whose "dashboard"
 * listener calls {@link #event}. That only puts a small message into each viewer's backlog and
 * returns: it never writes to a socket and never waits, so a viewer that stops reading (its socket
 * send buffer full, its writer thread stuck in {@code write}) costs one backlog of at most {@link
 * #BACKLOG} messages and delays nobody else. Such a viewer loses the oldest messages; its next write
 * starts with a {@code dropped} message, so the page knows to re-read {@code /api/state}.
 *
 * <p>A writer thread coalesces: after each write it sleeps for the flush interval, then writes
 * everything that gathered in one write and one flush. The interval is {@link #FLUSH_INTERVAL}, or
 * longer when there are many viewers, so that all of them together make at most {@link
 * #WRITES_PER_SECOND} writes a second however fast runs arrive: 1 to 50 viewers see four updates a
 * second, 200 see one. A write cycle costs about 0.1 ms of CPU (both ends, measured), so the
 * audience takes at most about 2 % of one core from the measured Python processes, whatever its
 * size (SlowViewersTest).
 * With nothing to say for {@link #HEARTBEAT}, it writes a comment line, which also finds viewers
 * that went away.
 *
 * <p>A viewer that connects late gets, first, a {@code state} message with the current job and
 * every run finished so far; registering it and taking that snapshot happen under the same lock as
 * {@link #event}, so it misses and duplicates nothing.
 */
final class Audience {
  static final int BACKLOG = 256;
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(250);
  static final int WRITES_PER_SECOND = 200;
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  // A late viewer's snapshot keeps at most this many finished runs (the newest).
  private static final int HISTORY = 4000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One server-sent event, encoded once and shared by every viewer. */
  record Message(String event, byte[] bytes) {
    Message(String event, String data) {
      this(event, ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** One open stream. */
  static final class Viewer {
    final Channel<Message> backlog = Channel.bounded(BACKLOG, Channel.Overflow.DROP_OLDEST);
  }

  private final Object lock = new Object();
  private final Set<Viewer> viewers = new LinkedHashSet<>();
  private volatile int viewerCount; // read by writers without the lock
  private ObjectNode job; // the running job, or null
  private ObjectNode last; // the last finished job, or null
  private final List<ObjectNode> runs = new ArrayList<>(); // runs finished in the running job
  private final Duration flushInterval;
  private boolean closed;

  Audience() {
    this(FLUSH_INTERVAL);
  }

  Audience(Duration flushInterval) {
    this.flushInterval = flushInterval;
  }

  /** A job has started; {@code info} describes it (id, target, runs...). */
  void jobStarted(ObjectNode info) {
    synchronized (lock) {
      job = info;
      runs.clear();
      broadcast(new Message("job_started", info.toString()));
    }
  }

  /** An event of the running job's bus; called on the bus's dashboard thread. Never blocks. */
  void event(Event event) {
    String data = EventLog.toJson(event);
    String name =
        switch (event) {
          case Event.RunStarted e -> "run_started";
          case Event.RunFinished e -> "run_finished";
          case Event.Warning e -> "warning";
          case Event.Done e -> "done";
        };
    synchronized (lock) {
      if (event instanceof Event.RunFinished) {
        if (runs.size() >= HISTORY) {
          runs.remove(0);
        }
        runs.add((ObjectNode) JSON.readTree(data));
      }
      broadcast(new Message(name, data));
    }
  }

  /** The running job is over; {@code result} says how (status, profile name, error). */
  void jobFinished(ObjectNode result) {
    synchronized (lock) {
      job = null;
      last = result;
      broadcast(new Message("job_finished", result.toString()));
    }
  }

  /** The snapshot a late viewer starts from, also served as {@code /api/state}. */
  String state() {
    synchronized (lock) {
      ObjectNode s = JSON.createObjectNode();
      s.set("job", job);
      ArrayNode r = s.putArray("runs");
      if (job != null) {
        runs.forEach(r::add);
      }
      s.set("last", last);
      return s.toString();
    }
  }

  /** Adds a viewer whose backlog starts with the current state. */
  Viewer join() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the dashboard is shutting down");
      }
      Viewer v = new Viewer();
      v.backlog.put(new Message("state", state()));
      viewers.add(v);
      viewerCount = viewers.size();
      return v;
    }
  }

  void leave(Viewer v) {
    synchronized (lock) {
      viewers.remove(v);
      viewerCount = viewers.size();
    }
    v.backlog.close();
  }

  int viewers() {
    synchronized (lock) {
      return viewers.size();
    }
  }

  /** Each viewer's messages waiting and dropped so far, for tests and diagnostics. */
  List<long[]> backlogs() {
    synchronized (lock) {
      return viewers.stream().map(v -> new long[] {v.backlog.size(), v.backlog.dropped()}).toList();
    }
  }

  /** Ends every stream: writers finish what is queued and return. */
  void close() {
    List<Viewer> all;
    synchronized (lock) {
      closed = true;
      all = new ArrayList<>(viewers);
    }
    all.forEach(v -> v.backlog.close());
  }

  private void broadcast(Message m) {
    for (Viewer v : viewers) {
      try {
        v.backlog.put(m);
      } catch (ChannelClosedException gone) {
        // The viewer left; leave() removes it.
      }
    }
  }

  /**
   * Writes {@code v}'s stream to {@code out} until the audience closes or the viewer goes away (the
   * write fails). Runs on the viewer's own thread; returns normally in both cases.
   */
  void stream(Viewer v, OutputStream out) throws InterruptedException {
    long reported = 0;
    try {
      while (true) {
        Message first = next(v, HEARTBEAT);
        if (first == null) {
          if (v.backlog.isClosed() && v.backlog.size() == 0) {
            return;
          }
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          continue;
        }
        List<Message> batch = new ArrayList<>();
        batch.add(first);
        while (v.backlog.size() > 0) {
          try {
            batch.add(v.backlog.get());
          } catch (ChannelClosedException end) {
            break;
          }
        }
        long dropped = v.backlog.dropped();
        StringBuilder text = new StringBuilder();
        if (dropped != reported) {
          text.append("event: dropped\ndata: {\"dropped\":").append(dropped).append("}\n\n");
          reported = dropped;
        }
        var buffer = new java.io.ByteArrayOutputStream();
        buffer.write(text.toString().getBytes(StandardCharsets.UTF_8));
        for (Message m : batch) {
          buffer.write(m.bytes());
        }
        out.write(buffer.toByteArray());
        out.flush();
        // Let messages gather before the next write (they wait in the bounded backlog).
        TimeUnit.NANOSECONDS.sleep(Math.max(flushInterval.toNanos(), viewerCount * 1_000_000_000L / WRITES_PER_SECOND));
      }
    } catch (IOException gone) {
      // The viewer closed its connection or the server closed it: nothing to tell anyone.
    } finally {
      leave(v);
    }
  }

  /** The next message, null after {@code timeout} with none, or null at the end of the stream. */
  private static Message next(Viewer v, Duration timeout) throws InterruptedException {
    CompletableFuture<Message> f = v.backlog.getAsync();
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (f.cancel(false)) {
        return null;
      }
      return take(f); // A message was handed over just as the wait ended: keep it.
    } catch (InterruptedException e) {
      if (!f.cancel(false)) {
        take(f);
      }
      throw e;
    } catch (ExecutionException e) {
      return null; // The end: closed and drained.
    }
  }

  private static Message take(CompletableFuture<Message> f) {
    try {
      return f.join();
    } catch (CancellationException | java.util.concurrent.CompletionException e) {
      return null;
    }
  }
}
