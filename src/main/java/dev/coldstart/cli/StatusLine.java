package dev.coldstart.cli;

import java.io.PrintWriter;

/**
 * One line of progress on stderr, redrawn in place ({@code \r} and erase-line) and erased on close;
 * silent when stderr is not a terminal, so logs and pipes get no control characters.
 */
class StatusLine implements AutoCloseable {
  private final PrintWriter err;
  private final boolean live;
  private boolean drawn;

  StatusLine(PrintWriter err, boolean live) {
    this.err = err;
    this.live = live;
  }

  final void draw(String s) {
    if (live) {
      err.print("\r\033[K" + s);
      err.flush();
      drawn = true;
    }
  }

  @Override
  public void close() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
