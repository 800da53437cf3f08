package dev.coldstart.audit;

import java.util.List;

/**
 * The project's tests with a deferral applied, against the unchanged run ({@link ProjectTests}).
 *
 * @param runner who reported the results (per test, or only an exit status)
 * @param broken tests that pass unchanged and fail deferred, twice each: evidence that the
 *     deferral is unsafe
 * @param flaky tests that differed once but not when re-run: not evidence
 * @param failingUnchanged tests that fail in both runs: not evidence
 * @param inconclusive why the tests cannot tell (they fail or time out unchanged and name no
 *     test), or null
 */
public record TestComparison(
    TestRun.Runner runner,
    List<BrokenTest> broken,
    List<String> flaky,
    List<String> failingUnchanged,
    String inconclusive) {

  public TestComparison {
    broken = List.copyOf(broken);
    flaky = List.copyOf(flaky);
    failingUnchanged = List.copyOf(failingUnchanged);
  }

  /**
   * A test the deferral breaks.
   *
   * @param test {@code file::test} (or the command, when the runner names no test)
   * @param message the first line of its failure message deferred
   */
  public record BrokenTest(String test, String message) {}

  static TestComparison inconclusive(TestRun.Runner runner, String why) {
    return new TestComparison(runner, List.of(), List.of(), List.of(), why);
  }

  /** Whether the tests show the deferral breaks something. */
  public boolean breaks() {
    return !broken.isEmpty();
  }

  /** Whether the tests pass deferred wherever they pass unchanged (and could tell). */
  public boolean pass() {
    return broken.isEmpty() && inconclusive == null;
  }
}
