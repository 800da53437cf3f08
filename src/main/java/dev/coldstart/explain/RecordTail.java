package dev.coldstart.explain;

import dev.coldstart.SideWork;
import dev.coldstart.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads the recorder's output while the recording run writes it: every {@value #POLL_MS} ms the
 * new complete lines go to an {@link ImportLog.Reader}, as {@link SideWork}. The recording run is
 * untimed, and parsing its ~850 records on a cold JVM takes about as long as the run itself, so
 * doing it meanwhile takes it out of the way of the timed runs that follow.
 *
 * <p>{@link #stop()}, once the run has exited, takes whatever the file holds beyond what was
 * parsed into memory without parsing it: the last records, and always the long {@code end} record
 * (written as the run exits: waiting for its parse would hold up the timed runs). After {@code
 * stop} the file is no longer needed and can be deleted, and {@link Stopped#finish()} does the rest
 * of the parsing later. Without a spare CPU nothing is read during the run and {@code stop} takes
 * the whole file.
 */
final class RecordTail {
  static final long POLL_MS = 5;
  private static final String END = "{\"type\":\"end\"";

  private final Path file;
  private final ImportLog.Reader reader = new ImportLog.Reader();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  // Complete lines left for Stopped.finish(), in order: from the first end record on (the longest
  // record, written as the run exits: parsing it here would hold up stop()), or from the moment
  // stop() was called.
  private final StringBuilder deferred = new StringBuilder();
  private final SideWork<Stopped> work;
  private volatile boolean stopping;
  private volatile Thread polling;
  private FileChannel channel;
  private UserError damaged;

  /** Lines read so far, and the bytes not yet parsed. */
  record Stopped(ImportLog.Reader reader, String rest, UserError damaged) {
    /** The whole log. */
    ImportLog finish() {
      if (damaged != null) {
        throw damaged;
      }
      for (String row : rest.split("\n")) {
        reader.line(row);
      }
      return reader.finish();
    }
  }

  private RecordTail(Path file) {
    this.file = file;
    this.work = SideWork.start("recording", this::follow);
  }

  /** Starts following {@code file}, which the recording run will create. */
  static RecordTail follow(Path file) {
    return new RecordTail(file);
  }

  /** Ends following (the run has exited) and returns what was read; waits for the last poll. */
  Stopped stop() {
    stopping = true;
    Thread t = polling;
    if (t != null) {
      LockSupport.unpark(t);
    }
    return work.join();
  }

  private Stopped follow() {
    polling = Thread.currentThread();
    try {
      while (!stopping) {
        poll(true);
        LockSupport.parkNanos(POLL_MS * 1_000_000);
      }
      poll(false);
      return new Stopped(reader, deferred + partial.toString(StandardCharsets.UTF_8), damaged);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      polling = null;
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // Read-only: nothing to lose.
        }
      }
    }
  }

  /** Reads what was appended; with {@code parse}, complete lines go to the reader. */
  private void poll(boolean parse) throws IOException {
    if (channel == null) {
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return; // not created yet (or never: the run failed to start)
      }
    }
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    while (channel.read(buf.clear()) > 0) {
      partial.write(buf.array(), 0, buf.position());
    }
    if (!parse || damaged != null) {
      return;
    }
    byte[] bytes = partial.toByteArray();
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end == 0) {
      return;
    }
    // A line break is never inside a UTF-8 sequence, so the complete lines decode alone.
    String complete = new String(bytes, 0, end, StandardCharsets.UTF_8);
    partial.reset();
    partial.write(bytes, end, bytes.length - end);
    if (!deferred.isEmpty()) {
      deferred.append(complete);
      return;
    }
    try {
      int from = 0;
      while (from < complete.length()) {
        if (stopping || complete.startsWith(END, from)) {
          deferred.append(complete, from, complete.length());
          return;
        }
        int eol = complete.indexOf('\n', from);
        reader.line(complete.substring(from, eol));
        from = eol + 1;
      }
    } catch (UserError e) {
      damaged = e;
    }
  }
}
