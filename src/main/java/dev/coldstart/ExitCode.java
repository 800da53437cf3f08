package dev.coldstart;

/** What coldstart's exit status means; each code means one thing. Documented in docs/cli.md. */
public final class ExitCode {
  /** Everything ran and nothing failed. */
  public static final int OK = 0;
  /** A check, budget or rule failed. */
  public static final int FAILED = 1;
  /** Bad command line or configuration. */
  public static final int USAGE = 2;
  /** The target or the Python interpreter failed. */
  public static final int TARGET = 3;
  /** A bug in coldstart itself; the message asks for a report. */
  public static final int INTERNAL = 70;
  /** Interrupted by the user (Ctrl-C); what was measured is kept and printed. */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
