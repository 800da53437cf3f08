package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading [tool.coldstart]: values, defaults, and every malformed case naming file, line and key. */
class ConfigReaderTest {
  private static final Path FILE = Path.of("/proj/pyproject.toml");

  @Test
  void limitsComeFromTheEntryThenTheTableAndTheCommandLineOverridesBoth() {
    CheckConfig c =
        ConfigReader.parse(
            """
            [tool.coldstart]
            cpu = 50
            cold-cache = true

            [[tool.coldstart.entry]]
            name = "handler"
            target = "app.handler"
            budget-ms = 900
            cpu = 10
            memory = "128M"
            bytecode-cache = false

            [[tool.coldstart.entry]]
            name = "cli"
            target = "app.cli"
            memory = "none"
            """,
            FILE);
    CheckConfig.Entry handler = c.entries().get(0);
    CheckConfig.Entry cli = c.entries().get(1);
    assertThat(handler.limits()).isEqualTo(new dev.coldstart.limits.LimitSettings(10.0, 128L << 20, null, true));
    Gate.Request plain = new Gate.Request(null, c, 2, java.util.Map.of(), null, true);
    assertThat(Gate.limitsOf(plain, handler).describe()).containsExactly("cpu=10%", "memory=128M", "cold-cache", "no-bytecode-cache");
    assertThat(Gate.limitsOf(plain, cli).describe()).containsExactly("cpu=50%", "cold-cache");
    Gate.Request overridden = new Gate.Request(null, c, 2, java.util.Map.of(), null, true,
        new dev.coldstart.limits.LimitSettings(0.0, 256L << 20, null, null), dev.coldstart.limits.LimitMode.STRICT);
    assertThat(Gate.limitsOf(overridden, handler).describe()).containsExactly("memory=256M", "cold-cache", "no-bytecode-cache");
    Gate.Request off = new Gate.Request(null, c, 2, java.util.Map.of(), null, true,
        dev.coldstart.limits.LimitSettings.UNSET, dev.coldstart.limits.LimitMode.OFF);
    assertThat(Gate.limitsOf(off, handler).any()).isFalse();
  }

  @Test
  void readsEveryKey() {
    CheckConfig c =
        ConfigReader.parse(
            """
            [project]
            name = "x"

            [tool.coldstart]
            python = ".venv/bin/python"
            runs = 30
            timeout = 60
            pythonpath = ["src"]
            select = ["CS1"]
            ignore = ["CS104"]
            heavy-modules = ["pandas", "torch*"]
            baseline = "base.json"
            regression-percent = 10
            regression-ms = 1.5

            [[tool.coldstart.entry]]
            name = "cli"
            target = "-m fleet.cli --help"
            budget-ms = 50
            max-modules = 120
            forbid = ["fastapi", "mypkg.protocols.*"]

            [[tool.coldstart.entry]]
            name = "version"
            target = "fleet.version"
            """,
            FILE);
    assertThat(c.python()).isEqualTo(".venv/bin/python");
    assertThat(c.runs()).isEqualTo(30);
    assertThat(c.timeoutSeconds()).isEqualTo(60);
    assertThat(c.pythonPath()).containsExactly("src");
    assertThat(c.select()).containsExactly("CS1");
    assertThat(c.ignore()).containsExactly("CS104");
    assertThat(c.heavyModules()).extracting(ModulePattern::text).containsExactly("pandas", "torch*");
    assertThat(c.baselines()).containsExactly("base.json");
    assertThat(c.regressionPercent()).isEqualTo(10);
    assertThat(c.regressionMs()).isEqualTo(1.5);
    assertThat(c.root()).isEqualTo(Path.of("/proj"));
    CheckConfig.Entry cli = c.entries().get(0);
    assertThat(cli.name()).isEqualTo("cli");
    assertThat(cli.target()).isEqualTo(new Target.RunModule("fleet.cli", List.of("--help")));
    assertThat(cli.budgetMs()).isEqualTo(50.0);
    assertThat(cli.maxModules()).isEqualTo(120);
    assertThat(cli.forbid()).extracting(ModulePattern::text).containsExactly("fastapi", "mypkg.protocols.*");
    assertThat(cli.line()).isEqualTo(16);
    CheckConfig.Entry version = c.entries().get(1);
    assertThat(version.target()).isEqualTo(new Target.Module("fleet.version"));
    assertThat(version.budgetMs()).isNull();
    assertThat(version.maxModules()).isNull();
  }

  @Test
  void noTableGivesDefaults() {
    CheckConfig c = ConfigReader.parse("[project]\nname = 'x'\n", FILE);
    assertThat(c.entries()).isEmpty();
    assertThat(c.runs()).isEqualTo(CheckConfig.DEFAULT_RUNS);
    assertThat(c.regressionThresholdMs(100)).isEqualTo(5);
    assertThat(c.regressionThresholdMs(10)).isEqualTo(2);
  }

  @Test
  void dottedKeysAndInlineTablesAreTheSameTable() {
    CheckConfig c =
        ConfigReader.parse(
            """
            tool.coldstart.runs = 7
            tool.coldstart.entry = [{name = "a", target = "-c import json; import os"}]
            """,
            FILE);
    assertThat(c.runs()).isEqualTo(7);
    assertThat(c.entries().get(0).target()).isEqualTo(new Target.Code("import json; import os"));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("[tool.coldstart]\nruns = 'ten'\n", 2, "tool.coldstart.runs: must be an integer, got a string"),
        Arguments.of("[tool.coldstart]\nruns = 0\n", 2, "tool.coldstart.runs: must be between 1 and"),
        Arguments.of("[tool.coldstart]\nruns = 2.5\n", 2, "tool.coldstart.runs: must be an integer, got a float"),
        Arguments.of("[tool.coldstart]\nbudget = 3\n", 2, "tool.coldstart.budget: unknown key"),
        Arguments.of("[tool.coldstart]\npython = 3\n", 2, "tool.coldstart.python: must be a string, got an integer"),
        Arguments.of("[tool.coldstart]\ntimeout = -1\n", 2, "tool.coldstart.timeout: must be a finite number > 0"),
        Arguments.of("[tool.coldstart]\ntimeout = inf\n", 2, "tool.coldstart.timeout: must be a finite number"),
        Arguments.of("[tool.coldstart]\npythonpath = 'src'\n", 2, "tool.coldstart.pythonpath: must be an array of strings"),
        Arguments.of("[tool.coldstart]\npythonpath = ['src', 1]\n", 2, "tool.coldstart.pythonpath[1]: must be a string, got an integer"),
        Arguments.of("[tool.coldstart]\nselect = ['E501']\n", 2, "tool.coldstart.select[0]: 'E501' is not a rule code"),
        Arguments.of("[tool.coldstart]\nignore = 'CS101'\n", 2, "tool.coldstart.ignore: must be an array of strings"),
        Arguments.of("[tool.coldstart]\nheavy-modules = ['a..b']\n", 2, "tool.coldstart.heavy-modules[0]: 'a..b' is not a module pattern"),
        Arguments.of("[tool.coldstart]\nbaseline = true\n", 2, "tool.coldstart.baseline: must be an array of strings, got a boolean"),
        Arguments.of("[tool.coldstart]\nregression-percent = -5\n", 2, "tool.coldstart.regression-percent: must be a finite number >= 0"),
        Arguments.of("[tool.coldstart]\nregression-ms = '2ms'\n", 2, "tool.coldstart.regression-ms: must be a number, got a string"),
        Arguments.of("[tool.coldstart.entry]\nname = 'a'\n", 1, "tool.coldstart.entry: must be an array of tables"),
        Arguments.of("[tool.coldstart]\nentry = 3\n", 2, "tool.coldstart.entry: must be an array of tables"),
        Arguments.of("[[tool.coldstart.entry]]\ntarget = 'x'\n", 1, "tool.coldstart.entry[0]: needs a name"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\n", 1, "tool.coldstart.entry[0]: needs a target"),
        Arguments.of("[[tool.coldstart.entry]]\nname = ''\ntarget = 'x'\n", 2, "tool.coldstart.entry[0].name: must not be empty"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'x'\n[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'y'\n", 5, "tool.coldstart.entry[1].name: 'a' is used by another entry"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'x'\nbudget_ms = 50\n", 4, "tool.coldstart.entry[0].budget_ms: unknown key (did you mean 'budget-ms'?)"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'x'\nbudget-ms = '50'\n", 4, "tool.coldstart.entry[0].budget-ms: must be a number, got a string"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'x'\nbudget-ms = 0\n", 4, "tool.coldstart.entry[0].budget-ms: must be a finite number > 0"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'x'\nmax-modules = -1\n", 4, "tool.coldstart.entry[0].max-modules: must be between 0"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'x'\nmax-modules = 1.0\n", 4, "tool.coldstart.entry[0].max-modules: must be an integer, got a float"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'x'\nforbid = 'fastapi'\n", 4, "tool.coldstart.entry[0].forbid: must be an array of strings"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'x'\nforbid = ['ok',\n 'not ok']\n", 4, "tool.coldstart.entry[0].forbid[1]: 'not ok' is not a module pattern"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = '-c'\n", 3, "tool.coldstart.entry[0].target: -c needs code"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = '-m 3x'\n", 3, "tool.coldstart.entry[0].target: -m needs a module name"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = '-X importtime'\n", 3, "tool.coldstart.entry[0].target: '-X' is not a target form"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'missing.py'\n", 3, "tool.coldstart.entry[0].target: no such script"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'my-pkg'\n", 3, "tool.coldstart.entry[0].target: 'my-pkg' is neither a module name"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = 'pkg arg'\n", 3, "tool.coldstart.entry[0].target: a module target takes no arguments"),
        Arguments.of("[[tool.coldstart.entry]]\nname = 'a'\ntarget = '   '\n", 3, "tool.coldstart.entry[0].target: must not be empty"),
        Arguments.of("[tool]\ncoldstart = 1\n", 2, "tool.coldstart: must be a table"),
        Arguments.of("[tool.coldstart]\nruns = 3\nruns = 4\n", 3, "invalid TOML"),
        Arguments.of("[tool.coldstart]\nruns = \n", 2, "invalid TOML"),
        Arguments.of("[tool.coldstart]\npython = \"unterminated\n", 2, "invalid TOML"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedConfigurationNamesFileLineAndKey(String toml, int line, String message) {
    assertThatThrownBy(() -> ConfigReader.parse(toml, FILE))
        .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining(FILE + ":" + line + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                ConfigReader.parse(
                    "[tool.coldstart]\nruns = 'x'\nfoo = 1\n[[tool.coldstart.entry]]\nname = 'a'\n", FILE))
        .hasMessageContaining("3 problems")
        .hasMessageContaining(":2: tool.coldstart.runs")
        .hasMessageContaining(":3: tool.coldstart.foo")
        .hasMessageContaining(":4: tool.coldstart.entry[0]: needs a target");
  }
}
