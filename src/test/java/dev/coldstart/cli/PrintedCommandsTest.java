package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.demo.DemoProject;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code coldstart ...} command that coldstart prints as advice (in backquotes: lint fix
 * lines in every format, explain and profile opportunities, check messages, why and graph hints)
 * and every one in docs/rules/ runs as printed: the CLI accepts it (not exit 2, no "Unknown
 * option"). Inputs are the demo project with its [tool.coldstart] entry plus a package that
 * triggers the rules the demo does not (CS102, CS103, CS106).
 */
class PrintedCommandsTest {
  private static final Pattern COMMAND = Pattern.compile("`(coldstart [^`\\n]+)`");
  private static final Pattern PARSE_ERROR =
      Pattern.compile("Unknown option|Unmatched argument|Missing required|Did you mean");

  @TempDir Path tmp;

  @Test
  void everyCommandTheToolPrintsIsAccepted() throws Exception {
    String py = Pythons.python3().toString();
    Path demo = DemoProject.unpack(tmp.resolve("demo"));
    String fleet = demo.resolve("fleet").toString();
    String config = demo.resolve("pyproject.toml").toString();
    Path extra = extraTree(tmp.resolve("extra"));
    Path app = tmp.resolve("app.py");
    Files.writeString(app, "import sys\nsys.path.insert(0, " + pyString(demo.toString()) + ")\nimport fleet.version\n");

    Map<String, String> outputs = new LinkedHashMap<>();
    for (String format : List.of("text", "json", "markdown", "sarif", "junit")) {
      outputs.put("lint demo " + format, CliRun.of("lint", fleet, "--config", config, "--format", format).out());
      outputs.put("lint extra " + format, CliRun.of("lint", extra.toString(), "--config", config, "--format", format).out());
    }
    outputs.put("check", both(CliRun.of("check", "--config", config, "--no-timing", "--python", py)));
    outputs.put("explain", both(CliRun.of("explain", app.toString(), "--runs", "2", "--python", py)));
    outputs.put("profile", both(CliRun.of("profile", app.toString(), "--runs", "2", "--python", py)));
    outputs.put("why", both(CliRun.of("why", "sqlite3", "--from", app.toString(), "--python", py)));
    outputs.put("why --static", both(CliRun.of("why", "sqlite3", "--from", "fleet.version", "--static", "--root", demo.toString(), "--python", py)));
    outputs.put("why --static, no chain", both(CliRun.of("why", "fleet.server", "--from", "fleet.errors", "--static", "--root", demo.toString(), "--python", py)));
    outputs.put("graph --closure", both(CliRun.of("graph", "--closure", "fleet.version", "--root", demo.toString(), "--python", py)));
    outputs.put("fix", both(CliRun.of("fix", fleet)));

    Map<String, String> commands = new LinkedHashMap<>();
    outputs.forEach((where, text) -> extract(text).forEach(c -> commands.putIfAbsent(c, where)));
    // The rules' fix lines must be among them: this test would pass vacuously if none were printed.
    assertThat(commands.keySet())
        .anyMatch(c -> c.startsWith("coldstart fix --select CS101 "))
        .anyMatch(c -> c.startsWith("coldstart fix --select CS103 "))
        .anyMatch(c -> c.startsWith("coldstart fix --select CS104 "))
        .anyMatch(c -> c.startsWith("coldstart why sqlite3 --from fleet.version"));
    commands.forEach((command, where) -> assertAccepted(command, where));
  }

  @Test
  void everyCommandInTheRulePagesIsAccepted() throws Exception {
    Path demo = DemoProject.unpack(tmp.resolve("demo"));
    Map<String, String> placeholders = Map.of(
        "PATH", demo.resolve("fleet").toString(), "MODULE", "sqlite3", "TARGET", "fleet.version");
    Set<String> commands = new LinkedHashSet<>();
    try (Stream<Path> pages = Files.list(Path.of("docs/rules"))) {
      for (Path page : pages.sorted().toList()) {
        for (String c : extract(Files.readString(page))) {
          commands.add(substitute(c, placeholders));
        }
      }
    }
    assertThat(commands).anyMatch(c -> c.startsWith("coldstart fix --select CS101 "));
    for (String c : commands) {
      CliRun r = run(c);
      assertThat(r.err()).as(c).doesNotContainPattern(PARSE_ERROR);
      assertThat(r.exit()).as(c + "\n" + r.err()).isNotEqualTo(2);
    }
  }

  /** A package with a heavy import and an annotation-only import in its __init__, and a .pth hook. */
  private static Path extraTree(Path root) throws Exception {
    Path pkg = Files.createDirectories(root.resolve("shapes"));
    Files.writeString(pkg.resolve("__init__.py"),
        "import decimal\nfrom fractions import Fraction\n\n\ndef area(x: Fraction) -> str:\n    return str(decimal.Decimal(1))\n");
    Path site = Files.createDirectories(root.resolve("lib/python3.11/site-packages"));
    Files.writeString(site.resolve("hook.pth"), "import os; os.environ.setdefault('X', '1')\n");
    return root;
  }

  private static void assertAccepted(String command, String where) {
    CliRun r = run(command);
    assertThat(r.err()).as(command + " (printed by " + where + ")").doesNotContainPattern(PARSE_ERROR);
    assertThat(r.exit()).as(command + " (printed by " + where + ")\n" + r.err()).isNotEqualTo(2);
  }

  /**
   * Runs a printed command. A bare {@code `coldstart VERB`} names a verb ("written by `coldstart
   * fix`"), it is no command line: for it, {@code VERB --help} must work.
   */
  private static CliRun run(String command) {
    List<String> argv = words(command);
    assertThat(argv.get(0)).isEqualTo("coldstart");
    if (argv.size() == 2 && argv.get(1).matches("[a-z]+")) {
      CliRun help = CliRun.of(argv.get(1), "--help");
      assertThat(help.exit()).as(command + ": not a verb\n" + help.err()).isZero();
      return help;
    }
    assertThat(argv).as("advice never writes files on its own").doesNotContain("--apply", "--verify");
    return CliRun.of(argv.subList(1, argv.size()).toArray(String[]::new));
  }

  static List<String> extract(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = COMMAND.matcher(text.replace("\\\"", "\""));
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    return out;
  }

  /** Replaces whole-word placeholders (PATH, MODULE, TARGET) in a documented command. */
  private static String substitute(String command, Map<String, String> placeholders) {
    List<String> out = new ArrayList<>();
    for (String w : command.split(" ")) {
      out.add(placeholders.getOrDefault(w, w));
    }
    return String.join(" ", out);
  }

  /** Splits a command line the way a POSIX shell does for plain words and single quotes. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\'') {
          quoted = false;
        } else {
          w.append(c);
        }
      } else if (c == '\'') {
        quoted = true;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }

  private static String both(CliRun r) {
    return r.out() + "\n" + r.err();
  }

  private static String pyString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
