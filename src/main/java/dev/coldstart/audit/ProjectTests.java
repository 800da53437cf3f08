package dev.coldstart.audit;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.serve.ShellWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project's own tests ({@code audit --test "COMMAND"}) as evidence about a deferral: the
 * command is run once unchanged (shared by every candidate) and once with the deferral applied to
 * the test process too (through its environment), and the results are compared per test where the
 * runner tells (see {@link TestRun}), else by exit status.
 *
 * <p>A test that fails in both runs is not evidence. A test that passes unchanged and fails
 * deferred is re-run once on both sides before the deferral is blamed (pytest: only those tests,
 * selected with {@code -k}; other runners: the whole command): if it then fails unchanged or
 * passes deferred, it is flaky, not evidence. Cost: one run of the suite per candidate, plus two
 * (narrowed, for pytest) when a test differs.
 */
public final class ProjectTests {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String commandLine;
  private final List<String> command;
  private final Path directory;
  private final Map<String, String> environment;
  private final Duration timeout;
  private TestRun baseline;

  private ProjectTests(
      String commandLine, List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
    this.commandLine = commandLine;
    this.command = List.copyOf(command);
    this.directory = directory;
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  /**
   * The tests run by {@code commandLine} (split into words as a POSIX shell would, nothing expanded)
   * in {@code directory}, with coldstart's environment plus {@code environment}.
   *
   * @throws UserError (usage) for an empty or badly quoted command
   */
  public static ProjectTests of(
      String commandLine, Path directory, Map<String, String> environment, Duration timeout) {
    List<String> words;
    try {
      words = ShellWords.split(commandLine);
    } catch (UserError e) {
      throw UserError.usage("--test: " + e.getMessage().replace("the target", "the command"));
    }
    if (words.isEmpty()) {
      throw UserError.usage("--test needs a command, e.g. --test \"python -m pytest -q tests\"");
    }
    return new ProjectTests(commandLine, words, directory, environment, timeout);
  }

  /** The command as the user typed it. */
  public String command() {
    return commandLine;
  }

  /** The unchanged run, made once and shared by every candidate. */
  public synchronized TestRun baseline() {
    if (baseline == null) {
      baseline = run(Map.of(), List.of());
    }
    return baseline;
  }

  /**
   * The tests with {@code deferral}'s environment variables applied (on top of the unchanged run's
   * environment), compared with the unchanged run.
   */
  public TestComparison compare(Map<String, String> deferral) {
    TestRun before = baseline();
    if (before.timedOut()) {
      return TestComparison.inconclusive(before.runner(), "the tests time out unchanged (" + timeout.toSeconds() + " s)");
    }
    TestRun after = run(deferral, List.of());
    if (before.runner() == TestRun.Runner.EXIT_CODE || after.runner() == TestRun.Runner.EXIT_CODE) {
      return byExitCode(before, after, deferral);
    }
    List<String> differing = new ArrayList<>();
    List<String> failingBoth = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>(after.tests().keySet());
    for (String test : names) {
      if (after.failed(test) && !before.failed(test)) { // passed, or absent (a collection error)
        differing.add(test);
      } else if (after.failed(test) && before.failed(test)) {
        failingBoth.add(test);
      }
    }
    if (after.timedOut()) {
      return new TestComparison(
          after.runner(),
          List.of(new TestComparison.BrokenTest(commandLine, "timed out after " + timeout.toSeconds() + " s (unchanged it did not)")),
          List.of(),
          failingBoth,
          null);
    }
    if (differing.isEmpty()) {
      return new TestComparison(after.runner(), List.of(), List.of(), failingBoth, null);
    }
    List<String> narrow = narrowing(before.runner(), differing);
    TestRun beforeAgain = run(Map.of(), narrow);
    TestRun afterAgain = run(deferral, narrow);
    List<TestComparison.BrokenTest> broken = new ArrayList<>();
    List<String> flaky = new ArrayList<>();
    for (String test : differing) {
      if (passesAgain(beforeAgain, test) && failsAgain(afterAgain, test)) {
        broken.add(new TestComparison.BrokenTest(test, after.tests().get(test).message()));
      } else {
        flaky.add(test);
      }
    }
    return new TestComparison(after.runner(), broken, flaky, failingBoth, null);
  }

  /** Whether the unchanged re-run did not fail {@code test} (and, when it named no test, passed). */
  private static boolean passesAgain(TestRun again, String test) {
    return !again.failed(test) && (again.runner() != TestRun.Runner.EXIT_CODE || again.passed());
  }

  /**
   * Whether the deferred re-run failed {@code test} again. A test pytest did not report in the
   * narrowed re-run (not selected, or the run broke before it) keeps its first result; unittest
   * names only failures, so a test it does not name passed.
   */
  private static boolean failsAgain(TestRun again, String test) {
    return again.failed(test) || (!again.tests().containsKey(test) && again.runner() != TestRun.Runner.UNITTEST);
  }

  private TestComparison byExitCode(TestRun before, TestRun after, Map<String, String> deferral) {
    if (!before.passed()) {
      return TestComparison.inconclusive(
          TestRun.Runner.EXIT_CODE, "the tests fail unchanged (exit " + before.exitCode() + "), and the runner names no test");
    }
    if (after.passed()) {
      return new TestComparison(TestRun.Runner.EXIT_CODE, List.of(), List.of(), List.of(), null);
    }
    TestRun beforeAgain = run(Map.of(), List.of());
    TestRun afterAgain = run(deferral, List.of());
    if (beforeAgain.passed() && !afterAgain.passed()) {
      String message = after.timedOut() ? "timed out after " + timeout.toSeconds() + " s" : "exit " + after.exitCode() + ": " + after.tail();
      return new TestComparison(
          TestRun.Runner.EXIT_CODE, List.of(new TestComparison.BrokenTest(commandLine, message)), List.of(), List.of(), null);
    }
    return new TestComparison(TestRun.Runner.EXIT_CODE, List.of(), List.of(commandLine), List.of(), null);
  }

  /** What narrows a re-run to the differing tests: pytest's -k with their names, else nothing. */
  private static List<String> narrowing(TestRun.Runner runner, List<String> tests) {
    if (runner != TestRun.Runner.PYTEST) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String test : tests) {
      String last = test.substring(test.lastIndexOf("::") + 2);
      int bracket = last.indexOf('[');
      String name = bracket >= 0 ? last.substring(0, bracket) : last;
      if (!IDENTIFIER.matcher(name).matches() || name.equals("or") || name.equals("and") || name.equals("not")) {
        return List.of(); // cannot be said in -k: re-run everything
      }
      names.add(name);
    }
    return List.of("-k", String.join(" or ", names));
  }

  /**
   * One run of the command with {@code changes} to the environment; {@code pytestOptions} are
   * added to pytest's options (through PYTEST_ADDOPTS, like the JUnit report).
   */
  TestRun run(Map<String, String> changes, List<String> pytestOptions) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("coldstart-tests");
      Path junit = dir.resolve("junit.xml");
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putAll(environment);
      changes.forEach((k, v) -> {
        if (v == null) {
          env.remove(k);
        } else {
          env.put(k, v);
        }
      });
      StringBuilder addopts = new StringBuilder(env.getOrDefault("PYTEST_ADDOPTS", ""));
      addopts.append(" --junitxml=").append(quote(junit.toString())).append(" -o junit_family=xunit1");
      for (String o : pytestOptions) {
        addopts.append(' ').append(quote(o));
      }
      env.put("PYTEST_ADDOPTS", addopts.toString().strip());
      PythonProcess p =
          PythonProcess.builder(Path.of(command.get(0)), command.subList(1, command.size()))
              .environment(env)
              .timeout(timeout)
              .keepStderr(TestRun.UNITTEST_LINES);
      if (directory != null) {
        p.directory(directory);
      }
      ProcessResult r;
      try {
        r = p.run();
      } catch (UserError e) {
        throw UserError.usage("--test: cannot start " + command.get(0) + e.getMessage().replaceFirst("^cannot start [^:]*", ""));
      }
      if (r.interrupted() || Thread.currentThread().isInterrupted()) {
        throw new UserError(ExitCode.INTERRUPTED, "interrupted");
      }
      String tail = r.stderrTail(1);
      if (tail.isEmpty()) {
        tail = TestRun.firstLine(lastLine(r.stdout()));
      }
      if (Files.isRegularFile(junit) && Files.size(junit) > 0) {
        return new TestRun(TestRun.Runner.PYTEST, r.exitCode(), r.timedOut(), TestRun.readJunit(junit), tail);
      }
      if (TestRun.isUnittest(r.stderr())) {
        return new TestRun(
            TestRun.Runner.UNITTEST, r.exitCode(), r.timedOut(), TestRun.readUnittest(r.stderr(), directory), tail);
      }
      return new TestRun(TestRun.Runner.EXIT_CODE, r.exitCode(), r.timedOut(), Map.of(), tail);
    } catch (IOException e) {
      throw UserError.target("cannot run the tests: " + e.getMessage());
    } finally {
      if (dir != null) {
        try (var s = Files.walk(dir)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
          // A temp directory left behind is harmless.
        }
      }
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }

  /** Quoted for pytest, which splits PYTEST_ADDOPTS with shlex. */
  private static String quote(String word) {
    return word.matches("[A-Za-z0-9_./=:-]+") ? word : "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
