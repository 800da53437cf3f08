package dev.coldstart.python;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * A child's output pipe read without hurrying: when nothing is waiting in the pipe the reader
 * pauses ({@value #PAUSE_MS} ms) instead of blocking in {@code read}, until the child has exited.
 *
 * <p>Why: a reader blocked in {@code read} is woken by every write, and under {@code -X
 * importtime} the interpreter writes one row per import. Each wake-up costs the writer, inside the
 * import being timed: measured on a two-CPU machine, {@code import asyncio} ran 4-5 ms slower per
 * run and its imports read 2 ms (8 %) more than with stderr sent to a file. Paused, the reader
 * lets rows pile up in the pipe's buffer (64 KiB, ~800 rows) and takes them in one read: the
 * same cost as a file. A child that writes faster than that is read without pauses while data keeps
 * coming. {@link #exited()} ends the pauses, so the end of the output is read at once.
 */
final class PatientPipe extends InputStream {
  static final long PAUSE_MS = 5;

  private final InputStream in;
  private volatile boolean exited;
  private volatile Thread reader;

  PatientPipe(InputStream in) {
    this.in = in;
  }

  /** The child has exited (or was killed): read to the end without pausing. */
  void exited() {
    exited = true;
    Thread t = reader;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void awaitData() throws IOException {
    reader = Thread.currentThread();
    while (!exited && in.available() == 0) {
      LockSupport.parkNanos(PAUSE_MS * 1_000_000);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public int read() throws IOException {
    awaitData();
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    awaitData();
    return in.read(b, off, len);
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
