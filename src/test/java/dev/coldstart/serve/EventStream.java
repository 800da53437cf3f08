package dev.coldstart.serve;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test viewer of {@code /api/events}: reads the stream on its own thread and queues each event.
 * {@link #stalled} opens the stream and never reads it (the viewer that never reads, docs/serve.md).
 */
final class EventStream implements AutoCloseable {
  /** One server-sent event. */
  record Sse(String event, String data) {}

  final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
  private final Socket socket;
  private final Thread reader;

  private EventStream(Socket socket, boolean read) {
    this.socket = socket;
    this.reader = read ? Thread.ofVirtual().start(this::read) : null;
  }

  static EventStream open(URI server) throws IOException {
    return new EventStream(connect(server, 0), true);
  }

  /** Sends the request, then never reads: its small receive buffer fills and the server's writes block. */
  static EventStream stalled(URI server) throws IOException {
    return new EventStream(connect(server, 1024), false);
  }

  private static Socket connect(URI server, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
    s.getOutputStream()
        .write(
            ("GET /api/events HTTP/1.1\r\nHost: " + server.getAuthority() + "\r\n" + RawHttp.bearer(server)
                    + "Accept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  private void read() {
    try (InputStream raw = new BufferedInputStream(socket.getInputStream())) {
      String line;
      boolean chunked = false;
      while ((line = asciiLine(raw)) != null && !line.isEmpty()) {
        chunked |= line.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding: chunked");
      }
      InputStream body = chunked ? new Dechunked(raw) : raw;
      BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
      String event = null;
      StringBuilder data = new StringBuilder();
      while ((line = in.readLine()) != null) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        } else if (line.isEmpty() && event != null) {
          events.add(new Sse(event, data.toString()));
          event = null;
          data.setLength(0);
        }
        // ": keep-alive" comments are skipped.
      }
    } catch (IOException closed) {
      // Closed by the test or the server.
    }
  }

  private static String asciiLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        return b.toString().strip();
      }
      b.append((char) c);
    }
    return b.isEmpty() ? null : b.toString();
  }

  /** The body of a chunked response. */
  private static final class Dechunked extends InputStream {
    private final InputStream in;
    private int left;
    private boolean end;

    Dechunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (end) {
        return -1;
      }
      if (left == 0) {
        String size = asciiLine(in);
        if (size != null && size.isEmpty()) {
          size = asciiLine(in); // the CRLF after the previous chunk
        }
        if (size == null || (left = Integer.parseInt(size.split(";")[0].trim(), 16)) == 0) {
          end = true;
          return -1;
        }
      }
      int n = in.read(b, off, Math.min(len, left));
      if (n < 0) {
        end = true;
        return -1;
      }
      left -= n;
      return n;
    }
  }

  /** Waits for the first event matching {@code p}, keeping the ones passed over in {@code seen}. */
  Sse await(Predicate<Sse> p, Duration timeout, List<Sse> seen) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Sse e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching event within " + timeout + "; saw " + seen);
      }
      seen.add(e);
      if (p.test(e)) {
        return e;
      }
    }
  }

  Sse await(String event, Duration timeout) throws InterruptedException {
    return await(e -> e.event().equals(event), timeout, new ArrayList<>());
  }

  @Override
  public void close() throws IOException {
    socket.close();
    if (reader != null) {
      try {
        reader.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
