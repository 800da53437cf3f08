package dev.coldstart.gate;

import dev.coldstart.UserError;
import dev.coldstart.limits.LimitSettings;
import dev.coldstart.limits.LimitSpec;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/**
 * Reads {@code [tool.coldstart]} from a pyproject.toml with tomlj (TOML 1.0, the version Python's
 * tomllib reads). Every problem is collected, not just the first, and each names the file, the line
 * and the dotted key, so a user fixes a configuration in one go; any problem is exit 2.
 *
 * <p>Checked: TOML syntax (tomlj's errors, with their positions), unknown keys (a typo such as
 * {@code budget_ms} must not silently disable a budget), value types and ranges, entry names unique,
 * targets well formed, module patterns and rule codes well formed.
 *
 * <p>A bad array element is reported at the line of its key: tomlj 1.1.1 gives elements after a
 * line break the position of the element before.
 */
public final class ConfigReader {
  static final String TABLE = "tool.coldstart";
  private static final List<String> TOP_KEYS =
      List.of(
          "python", "runs", "timeout", "pythonpath", "entry", "select", "ignore", "heavy-modules",
          "baseline", "regression-percent", "regression-ms", "cpu", "memory", "cold-cache", "bytecode-cache",
          "store");
  private static final List<String> ENTRY_KEYS =
      List.of("name", "target", "budget-ms", "max-modules", "forbid", "cpu", "memory", "cold-cache", "bytecode-cache");
  private static final Pattern RULE_CODE = Pattern.compile("CS[0-9]{0,3}");

  private final Path file;
  private final List<String> problems = new ArrayList<>();

  private ConfigReader(Path file) {
    this.file = file;
  }

  /** The pyproject.toml in {@code dir} or its nearest parent that has one, or null. */
  public static Path find(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path p = d.resolve("pyproject.toml");
      if (Files.isRegularFile(p)) {
        return p;
      }
      if (Files.exists(d.resolve(".git"))) {
        return null; // the project's root: do not read another project's configuration
      }
    }
    return null;
  }

  /**
   * Reads the configuration in {@code file}; a file without {@code [tool.coldstart]} gives the
   * defaults.
   *
   * @throws UserError exit 2 for an unreadable or malformed file
   */
  public static CheckConfig read(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (NoSuchFileException e) {
      throw UserError.usage("no such configuration file: " + file);
    } catch (CharacterCodingException e) {
      throw UserError.usage(file + ": not UTF-8 (TOML files must be UTF-8)");
    } catch (IOException e) {
      throw UserError.usage("cannot read " + file + ": " + e.getMessage());
    }
    return parse(text, file);
  }

  /** Parses configuration text; {@code file} is used for messages and relative paths. */
  public static CheckConfig parse(String text, Path file) {
    return new ConfigReader(file).doParse(text);
  }

  private CheckConfig doParse(String text) {
    TomlParseResult toml = Toml.parse(text, TomlVersion.V1_0_0);
    if (toml.hasErrors()) {
      for (TomlParseError e : toml.errors()) {
        problems.add(file + ":" + e.position().line() + ": invalid TOML: " + e.getMessage());
      }
      throw failure();
    }
    Path root = file.toAbsolutePath().normalize().getParent();
    List<String> tablePath = List.of("tool", "coldstart");
    Object rawTable = toml.get(tablePath);
    if (rawTable == null) {
      return CheckConfig.defaults(file, root);
    }
    if (!(rawTable instanceof TomlTable t)) {
      problem(toml.inputPositionOf(tablePath), TABLE, "must be a table, like [tool.coldstart]");
      throw failure();
    }
    unknownKeys(t, TABLE, TOP_KEYS);
    String python = string(t, "python", TABLE);
    long runs = integer(t, "runs", TABLE, 1, 100_000, CheckConfig.DEFAULT_RUNS);
    double timeout = number(t, "timeout", TABLE, 0, false, 120);
    List<String> pythonPath = strings(t, "pythonpath", TABLE);
    List<String> select = ruleCodes(t, "select");
    List<String> ignore = ruleCodes(t, "ignore");
    List<ModulePattern> heavy = patterns(t, "heavy-modules", TABLE);
    List<String> baselines = stringOrStrings(t, "baseline", TABLE);
    double pct = number(t, "regression-percent", TABLE, 0, true, CheckConfig.DEFAULT_REGRESSION_PERCENT);
    double ms = number(t, "regression-ms", TABLE, 0, true, CheckConfig.DEFAULT_REGRESSION_MS);
    LimitSettings limits = limits(t, TABLE);
    String store = string(t, "store", TABLE);
    if (store != null && (store.matches("(?s)^postgres(ql)?://[^/?]*:[^/?@]*@.*") || store.contains("password="))) {
      // Never echo the value: it holds a password.
      problem(t.inputPositionOf("store"), TABLE + ".store",
          "must not hold a password (a pyproject.toml is committed): use PGPASSWORD or ~/.pgpass (docs/history.md)");
    }
    List<CheckConfig.Entry> entries = entries(t, root);
    if (!problems.isEmpty()) {
      throw failure();
    }
    return new CheckConfig(
        file, root, python, (int) runs, timeout, pythonPath, entries, select, ignore, heavy,
        baselines, pct, ms, limits, store);
  }

  private List<CheckConfig.Entry> entries(TomlTable t, Path root) {
    String key = TABLE + ".entry";
    Object raw = t.get(List.of("entry"));
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof TomlArray array)) {
      problem(t.inputPositionOf(List.of("entry")), key,
          "must be an array of tables: write each entry as [[tool.coldstart.entry]]");
      return List.of();
    }
    List<CheckConfig.Entry> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String where = key + "[" + i + "]";
      TomlPosition pos = array.inputPositionOf(i);
      if (!(array.get(i) instanceof TomlTable e)) {
        problem(pos, where, "must be a table, got " + typeName(array.get(i)));
        continue;
      }
      unknownKeys(e, where, ENTRY_KEYS);
      String name = string(e, "name", where);
      String target = string(e, "target", where);
      if (name == null) {
        problem(pos, where, "needs a name, e.g. name = \"cli\"");
      } else if (name.isBlank()) {
        problem(e.inputPositionOf(List.of("name")), where + ".name", "must not be empty");
      } else if (!names.add(name)) {
        problem(e.inputPositionOf(List.of("name")), where + ".name", "'" + name + "' is used by another entry");
      }
      Target parsed = null;
      if (target == null) {
        problem(pos, where, "needs a target, e.g. target = \"mypkg.cli\", \"-m mypkg\" or \"-c import mypkg\"");
      } else {
        try {
          parsed = target(target, root);
        } catch (IllegalArgumentException ex) {
          problem(e.inputPositionOf(List.of("target")), where + ".target", ex.getMessage());
        }
      }
      Double budget = e.contains(List.of("budget-ms")) ? number(e, "budget-ms", where, 0, false, 0) : null;
      Integer maxModules =
          e.contains(List.of("max-modules")) ? (int) integer(e, "max-modules", where, 0, 1_000_000, 0) : null;
      List<ModulePattern> forbid = patterns(e, "forbid", where);
      LimitSettings limits = limits(e, where);
      out.add(
          new CheckConfig.Entry(
              name == null ? "entry " + (i + 1) : name, parsed, pos == null ? 0 : pos.line(), budget,
              maxModules, forbid, limits));
    }
    return out;
  }

  /**
   * A target as written in the configuration: {@code "-c CODE"} (the rest of the string is the
   * code), {@code "-m MODULE ARGS"}, {@code "SCRIPT.py ARGS"} (relative to the project) or a
   * module name to import.
   */
  static Target target(String text, Path root) {
    String s = text.strip();
    if (s.startsWith("-c ") || s.equals("-c")) {
      String code = s.substring(2).strip();
      if (code.isEmpty()) {
        throw new IllegalArgumentException("-c needs code, e.g. \"-c import mypkg\"");
      }
      return new Target.Code(code);
    }
    List<String> words = s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    if (words.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    String first = words.get(0);
    List<String> rest = List.copyOf(words.subList(1, words.size()));
    if (first.equals("-m")) {
      if (rest.isEmpty() || !Target.isModuleName(rest.get(0))) {
        throw new IllegalArgumentException("-m needs a module name, e.g. \"-m mypkg\"");
      }
      return new Target.RunModule(rest.get(0), List.copyOf(rest.subList(1, rest.size())));
    }
    if (first.startsWith("-")) {
      throw new IllegalArgumentException(
          "'" + first + "' is not a target form; use a module name, \"-c CODE\", \"-m MODULE\" or \"SCRIPT.py\"");
    }
    if (first.endsWith(".py") || first.contains("/")) {
      Path script = root.resolve(first).normalize();
      if (!Files.isRegularFile(script)) {
        throw new IllegalArgumentException("no such script: " + script);
      }
      return new Target.Script(script, rest);
    }
    if (!Target.isModuleName(first)) {
      throw new IllegalArgumentException("'" + first + "' is neither a module name nor a script");
    }
    if (!rest.isEmpty()) {
      throw new IllegalArgumentException(
          "a module target takes no arguments; use \"-m " + first + " " + String.join(" ", rest) + "\"");
    }
    return new Target.Module(first);
  }

  /**
   * The limit keys of a table: {@code cpu} (percent of one core, a number; 0 for none), {@code
   * memory} (a size such as "128M", a number of bytes, or "none"), {@code cold-cache} and {@code
   * bytecode-cache} (booleans). Unset keys are null, so an entry inherits the table's.
   */
  private LimitSettings limits(TomlTable t, String where) {
    Double cpu = null;
    if (t.contains(List.of("cpu"))) {
      double c = number(t, "cpu", where, 0, true, 0);
      if (c > 0 && c < 1) {
        problem(t.inputPositionOf(List.of("cpu")), where + ".cpu",
            "below 1 (percent of one core) cannot be enforced: the kernel's smallest quota is 1 ms per 100 ms");
      } else {
        cpu = c;
      }
    }
    Long memory = null;
    Object m = t.get(List.of("memory"));
    if (m instanceof String s) {
      if (s.strip().equalsIgnoreCase("none")) {
        memory = 0L;
      } else {
        try {
          memory = LimitSpec.parseSize(s);
        } catch (UserError ex) {
          problem(t.inputPositionOf(List.of("memory")), where + ".memory",
              "'" + s + "' is not a size; write e.g. \"128M\" or \"1G\" (or \"none\")");
        }
      }
    } else if (m instanceof Long n && n >= 0) {
      memory = n;
    } else if (m != null) {
      wrongType(t, "memory", where, "a size such as \"128M\", or a number of bytes", m);
    }
    if (memory != null && memory > 0 && memory < (8L << 20)) {
      problem(t.inputPositionOf(List.of("memory")), where + ".memory",
          "below 8M leaves no room for an interpreter; give e.g. \"128M\"");
      memory = null;
    }
    Boolean cold = bool(t, "cold-cache", where);
    Boolean bytecode = bool(t, "bytecode-cache", where);
    return new LimitSettings(cpu, memory, cold, bytecode == null ? null : !bytecode);
  }

  private Boolean bool(TomlTable t, String key, String where) {
    Object v = t.get(List.of(key));
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    wrongType(t, key, where, "true or false", v);
    return null;
  }

  private void unknownKeys(TomlTable t, String where, List<String> known) {
    for (String k : t.keySet()) {
      if (!known.contains(k)) {
        String hint = known.stream().filter(x -> x.replace("-", "").equals(k.replace("_", "").replace("-", ""))).findFirst()
            .map(x -> " (did you mean '" + x + "'?)").orElse("");
        problem(t.inputPositionOf(List.of(k)), where + "." + k, "unknown key" + hint + "; known keys: " + String.join(", ", known));
      }
    }
  }

  private String string(TomlTable t, String key, String where) {
    Object v = t.get(List.of(key));
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    wrongType(t, key, where, "a string", v);
    return null;
  }

  private long integer(TomlTable t, String key, String where, long min, long max, long dflt) {
    Object v = t.get(List.of(key));
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Long n)) {
      wrongType(t, key, where, "an integer", v);
      return dflt;
    }
    if (n < min || n > max) {
      problem(t.inputPositionOf(List.of(key)), where + "." + key, "must be between " + min + " and " + max + ", got " + n);
      return dflt;
    }
    return n;
  }

  private double number(TomlTable t, String key, String where, double min, boolean minAllowed, double dflt) {
    Object v = t.get(List.of(key));
    if (v == null) {
      return dflt;
    }
    double d;
    if (v instanceof Long n) {
      d = n;
    } else if (v instanceof Double x) {
      d = x;
    } else {
      wrongType(t, key, where, "a number", v);
      return dflt;
    }
    if (!Double.isFinite(d) || d < min || (!minAllowed && d == min)) {
      problem(t.inputPositionOf(List.of(key)), where + "." + key,
          "must be a finite number " + (minAllowed ? ">= " : "> ") + fmt(min) + ", got " + v);
      return dflt;
    }
    return d;
  }

  private List<String> strings(TomlTable t, String key, String where) {
    Object v = t.get(List.of(key));
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof TomlArray a)) {
      wrongType(t, key, where, "an array of strings", v);
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof String s) {
        out.add(s);
      } else {
        problem(t.inputPositionOf(List.of(key)), where + "." + key + "[" + i + "]",
            "must be a string, got " + typeName(a.get(i)));
      }
    }
    return out;
  }

  private List<String> stringOrStrings(TomlTable t, String key, String where) {
    Object v = t.get(List.of(key));
    return v instanceof String s ? List.of(s) : strings(t, key, where);
  }

  private List<ModulePattern> patterns(TomlTable t, String key, String where) {
    List<String> raw = strings(t, key, where);
    List<ModulePattern> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String p = raw.get(i);
      if (ModulePattern.isValid(p)) {
        out.add(ModulePattern.of(p));
      } else {
        problem(t.inputPositionOf(List.of(key)), where + "." + key + "[" + i + "]",
            "'" + p + "' is not a module pattern (dotted names, '*' inside a part, e.g. \"mypkg.protocols.*\")");
      }
    }
    return out;
  }

  private List<String> ruleCodes(TomlTable t, String key) {
    List<String> codes = strings(t, key, TABLE);
    for (int i = 0; i < codes.size(); i++) {
      if (!RULE_CODE.matcher(codes.get(i)).matches()) {
        problem(t.inputPositionOf(List.of(key)), TABLE + "." + key + "[" + i + "]",
            "'" + codes.get(i) + "' is not a rule code or prefix (like CS101 or CS1)");
      }
    }
    return codes;
  }

  private void wrongType(TomlTable t, String key, String where, String expected, Object got) {
    problem(t.inputPositionOf(List.of(key)), where + "." + key, "must be " + expected + ", got " + typeName(got));
  }

  private void problem(TomlPosition pos, String key, String message) {
    problems.add(file + ":" + (pos == null ? "?" : pos.line()) + ": " + key + ": " + message);
  }

  private UserError failure() {
    return UserError.usage(
        (problems.size() == 1 ? "bad configuration: " : problems.size() + " problems in the configuration:\n  ")
            + String.join("\n  ", problems));
  }

  static String typeName(Object v) {
    if (v instanceof String) {
      return "a string";
    } else if (v instanceof Long) {
      return "an integer";
    } else if (v instanceof Double) {
      return "a float";
    } else if (v instanceof Boolean) {
      return "a boolean";
    } else if (v instanceof TomlArray) {
      return "an array";
    } else if (v instanceof TomlTable) {
      return "a table";
    }
    return "a date or time";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
