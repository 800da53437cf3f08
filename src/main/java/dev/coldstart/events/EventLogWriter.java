package dev.coldstart.events;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A listener that appends each event to a file as one JSON line ({@link EventLog} format) and
 * flushes it at once, so an interrupted run leaves a complete record of what was measured: a
 * killed JVM loses at most the line being written. Lines reach the operating system per event; they
 * are not forced to the disk (fsync), so a power cut may lose more. Cost: one small write system
 * call per event.
 */
public final class EventLogWriter implements EventBus.Listener {
  private final Path file;
  private final Writer out;

  private EventLogWriter(Path file, Writer out) {
    this.file = file;
    this.out = out;
  }

  /** Creates (or truncates) {@code file}, creating its parent folders. */
  public static EventLogWriter open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Writer out =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new EventLogWriter(file, out);
  }

  /** The file this writer appends to. */
  public Path file() {
    return file;
  }

  @Override
  public void onEvent(Event event) throws IOException {
    // One write of the whole line, then flush: the line leaves the process in one piece.
    out.write(EventLog.toJson(event) + "\n");
    out.flush();
  }

  @Override
  public void onClose() throws IOException {
    out.close();
  }
}
