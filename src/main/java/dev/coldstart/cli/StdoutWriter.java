package dev.coldstart.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as a UTF-8 PrintWriter that also takes ready-made ASCII bytes, so a verb printing
 * tens of megabytes ({@code imports} over a whole environment) skips the char buffer and the
 * charset encoder. Text and bytes share one 64 KB buffer, in the order they were written; the file
 * descriptor is written only when the buffer fills or on {@link #flush}.
 */
final class StdoutWriter extends PrintWriter {
  private final BufferedOutputStream buffered;

  StdoutWriter(OutputStream out) {
    this(new BufferedOutputStream(out, 1 << 16));
  }

  private StdoutWriter(BufferedOutputStream buffered) {
    super(new OutputStreamWriter(new Unflushed(buffered), StandardCharsets.UTF_8), false);
    this.buffered = buffered;
  }

  /** Writes ASCII bytes after any text written before them. */
  void writeAscii(byte[] b, int off, int len) {
    super.flush(); // pending text into the shared buffer (no system call: see Unflushed)
    try {
      buffered.write(b, off, len);
    } catch (IOException e) {
      setError(); // like PrintWriter: errors show in checkError()
    }
  }

  /** Writes UTF-8 bytes (the stream's own encoding) after any text written before them. */
  void writeUtf8(byte[] b) {
    writeAscii(b, 0, b.length); // ASCII is UTF-8: the same path
  }

  @Override
  public void flush() {
    super.flush();
    try {
      buffered.flush();
    } catch (IOException e) {
      setError();
    }
  }

  /** The encoder's view of the buffer: flushing it must not reach the file descriptor. */
  private static final class Unflushed extends FilterOutputStream {
    Unflushed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() {}
  }
}
