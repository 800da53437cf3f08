package dev.coldstart.events;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A listener that keeps one terminal line up to date, such as {@code run 7/20, ~3 s left}, by
 * rewriting it after a carriage return, and clears it when the measurement is done or the bus
 * closes. It writes nothing unless told the stream is a terminal: in a pipe or a log file, a line
 * of {@code \r} updates is noise.
 *
 * <p>The estimate is the mean time per finished run so far (from the first start to the latest
 * finish, so it includes the overhead between runs) times the runs still to finish. Warnings are
 * counted on the line, not printed: whoever publishes them also reports them in full.
 */
public final class ProgressLine implements EventBus.Listener {
  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoTime;

  private long firstStart = -1;
  private long lastFinish;
  private int finished;
  private int index;
  private int total;
  private int warnings;
  private int shownWidth; // characters currently on the line; 0 when it is clear
  private boolean labelled;
  private String kind;

  /** Updates {@code out} only if {@code terminal}; pass whether the stream is an interactive tty. */
  public ProgressLine(PrintWriter out, boolean terminal) {
    this(out, terminal, System::nanoTime);
  }

  ProgressLine(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
    this.out = Objects.requireNonNull(out, "out");
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  /** Starts the line with each run's kind (e.g. the candidate an audit is measuring). */
  public ProgressLine labelled() {
    labelled = true;
    return this;
  }

  @Override
  public void onEvent(Event event) {
    if (!terminal) {
      return;
    }
    switch (event) {
      case Event.RunStarted started -> {
        if (firstStart < 0) {
          firstStart = nanoTime.getAsLong();
        }
        index = started.index();
        total = started.total();
        kind = started.kind();
        draw();
      }
      case Event.RunFinished done -> {
        finished++;
        lastFinish = nanoTime.getAsLong();
        index = done.index();
        total = done.total();
        draw();
      }
      case Event.Warning warning -> {
        warnings++;
        draw();
      }
      case Event.Done done -> clear();
    }
  }

  @Override
  public void onClose() {
    if (terminal) {
      clear();
    }
  }

  /** The text of the line for the current state. */
  String text() {
    StringBuilder line = new StringBuilder();
    if (labelled && kind != null) {
      line.append(kind).append(": ");
    }
    line.append("run ").append(index);
    if (total > 0) {
      line.append('/').append(total);
    }
    if (total > 0 && finished > 0 && firstStart >= 0) {
      double perRun = (double) (lastFinish - firstStart) / finished;
      long leftNanos = Math.round(perRun * Math.max(total - finished, 0));
      line.append(", ").append(describeLeft(leftNanos)).append(" left");
    }
    if (warnings > 0) {
      line.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    }
    return line.toString();
  }

  static String describeLeft(long nanos) {
    long seconds = Math.round(nanos / 1e9);
    if (seconds < 1) {
      return "<1 s";
    }
    if (seconds < 60) {
      return "~" + seconds + " s";
    }
    if (seconds < 3600) {
      long s = seconds % 60;
      return "~" + seconds / 60 + " min" + (s == 0 ? "" : " " + s + " s");
    }
    long min = seconds / 60 % 60;
    return "~" + seconds / 3600 + " h" + (min == 0 ? "" : " " + min + " min");
  }

  private void draw() {
    String text = text();
    // Pad with spaces so a shorter line fully covers the previous one.
    String pad = " ".repeat(Math.max(shownWidth - text.length(), 0));
    out.print("\r" + text + pad);
    out.flush();
    shownWidth = text.length();
  }

  private void clear() {
    if (shownWidth == 0) {
      return;
    }
    out.print("\r" + " ".repeat(shownWidth) + "\r");
    out.flush();
    shownWidth = 0;
  }
}
