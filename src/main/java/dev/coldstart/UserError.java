package dev.coldstart;

/**
 * A failure the user can act on: its message is printed as is, without a stack trace, and the
 * process exits with {@link #exitCode()}. Thrown by any layer; only the CLI turns it into output.
 */
public class UserError extends RuntimeException {
  private final int exitCode;

  public UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserError(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static UserError usage(String message) {
    return new UserError(ExitCode.USAGE, message);
  }

  public static UserError target(String message) {
    return new UserError(ExitCode.TARGET, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
