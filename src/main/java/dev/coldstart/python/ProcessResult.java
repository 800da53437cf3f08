package dev.coldstart.python;

import java.util.List;

/**
 * What one interpreter process did.
 *
 * @param exitCode the process's exit status (negative when killed by coldstart)
 * @param timedOut true when coldstart killed it for exceeding its timeout
 * @param interrupted true when the run was abandoned because coldstart itself was interrupted
 * @param wallNanos from just before start to exit, as seen by coldstart
 * @param stdout standard output, or empty when it was not captured
 * @param stderr the kept standard-error lines, in order (see {@link PythonProcess})
 * @param stderrOmitted how many standard-error lines were dropped to bound memory
 */
public record ProcessResult(
    int exitCode,
    boolean timedOut,
    boolean interrupted,
    long wallNanos,
    String stdout,
    List<String> stderr,
    long stderrOmitted) {

  /** Whether the process ran to completion with exit status 0. */
  public boolean ok() {
    return exitCode == 0 && !timedOut && !interrupted;
  }

  /** The last {@code n} non-blank stderr lines, joined by newlines: the end of a traceback. */
  public String stderrTail(int n) {
    List<String> lines = stderr.stream().filter(l -> !l.isBlank()).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }
}
