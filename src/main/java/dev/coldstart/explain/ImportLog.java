package dev.coldstart.explain;

import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code record_imports.py} wrote: one JSON object per line ({@code start}, then {@code call}
 * and {@code load} records as each finished, then {@code end}). A run that died leaves no
 * {@code end}; the log is then {@linkplain #complete() incomplete} but still usable, and a
 * truncated last line is ignored. A second {@code end} (at interpreter exit, for imports made by
 * atexit handlers) is an {@code update}: it lists only the modules that changed, the names of those
 * that are {@code gone} and the lines of new sites, which are applied to the first.
 *
 * @param version the interpreter's version, e.g. [3, 11, 7]
 * @param preloaded modules in {@code sys.modules} before the hooks went in (interpreter start-up)
 * @param calls import statements, {@code __import__} and {@code import_module} calls, and
 *     reifications of lazy imports (Python 3.15+), by seq
 * @param loads modules that started loading, by seq
 * @param lazy imports that ran as potentially lazy (Python 3.15+, PEP 810), by seq
 * @param startup the seq that closes the interpreter's own start-up (site and what it imports):
 *     records before it are not the program's; -1 when the log does not say
 * @param modules {@code sys.modules} at the end (empty when the run died)
 * @param lines source text of recorded sites, by {@code file:line}
 * @param complete whether an {@code end} record was read
 */
public record ImportLog(
    List<Integer> version,
    List<String> preloaded,
    List<Call> calls,
    List<Load> loads,
    List<Lazy> lazy,
    long startup,
    List<LoadedModule> modules,
    Map<String, String> lines,
    boolean complete) {

  /** Importer name the recorder uses for imports made by the interpreter itself. */
  public static final String ROOT = "<python>";

  /**
   * One import statement or call, with every module it concerned; {@code depth} is how many calls
   * and loads of its thread were under way when it began (0: none). {@code kind} is "import",
   * "import_module" or "reify": the first use of a lazy import (Python 3.15+), at the using line,
   * with {@code declared} the seq of its {@link Lazy} record (-1 when it was declared before the
   * recorder started) and {@code function} the code name of the using frame ({@code <module>} at
   * module level).
   */
  public record Call(
      long seq,
      String kind,
      String importer,
      String file,
      int line,
      String statement,
      String name,
      List<String> fromlist,
      int level,
      List<Concerned> modules,
      boolean ok,
      String error,
      int depth,
      long declared,
      String function) {
    public boolean reifies() {
      return "reify".equals(kind);
    }
  }

  /**
   * An import that ran as potentially lazy (Python 3.15+): a {@code lazy import} or {@code lazy
   * from} statement, an import a {@code __lazy_modules__} lists, or any module-level import under
   * the global mode {@code all}. The interpreter called the lazy imports filter for it.
   *
   * @param name the module, resolved (relative imports arrive absolute)
   * @param fromlist the names of a {@code from} import, else empty
   * @param filter the program had set a filter of its own, which was consulted
   * @param lazy it stayed lazy (the program's filter did not make it eager)
   * @param mode the global mode when it ran ("normal" or "all"), or null
   * @param listed the importer's {@code __lazy_modules__} names the module
   */
  public record Lazy(
      long seq,
      String importer,
      String file,
      int line,
      String name,
      List<String> fromlist,
      boolean filter,
      boolean lazy,
      String mode,
      boolean listed) {}

  /**
   * One module a call concerned: {@code how} is "target", "parent" (a and a.b of {@code import
   * a.b.c}) or "fromlist" (a submodule named after {@code import}); before/after = in sys.modules.
   */
  public record Concerned(String name, String how, boolean before, boolean after) {}

  /**
   * A module that started loading; {@code call} links the call it happened under, or -1; {@code
   * depth} as for {@link Call}.
   */
  public record Load(
      long seq,
      String importer,
      String file,
      int line,
      String statement,
      String name,
      long call,
      boolean ok,
      String error,
      int depth) {}

  /** A module in sys.modules at the end; kind is source, extension, builtin, frozen, namespace. */
  public record LoadedModule(String name, String file, String kind) {
    public boolean isExtension() {
      return "extension".equals(kind);
    }
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Reads a recorder's output file; an unreadable or empty file is the target's failure. */
  public static ImportLog read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw UserError.target("cannot read the import record " + file + ": " + e.getMessage());
    }
  }

  /** Parses the recorder's JSON lines. */
  public static ImportLog parse(String text) {
    Reader r = new Reader();
    for (String row : text.split("\n")) {
      r.line(row);
    }
    return r.finish();
  }

  /**
   * Reads the recorder's JSON lines one at a time, so that a run can be read while it is written
   * (see {@code Recording}). A damaged line is an error unless it is the last one: a run that dies
   * while writing leaves its last record cut short.
   */
  public static final class Reader {
    private List<Integer> version = List.of();
    private List<String> preloaded = List.of();
    private final List<Call> calls = new ArrayList<>();
    private final List<Load> loads = new ArrayList<>();
    private final List<Lazy> lazy = new ArrayList<>();
    private long startup = -1;
    private List<LoadedModule> modules = List.of();
    private final Map<String, String> lines = new HashMap<>();
    private boolean started;
    private boolean complete;
    private int number;
    private int damaged; // number of a damaged line not yet known to be the last, or 0

    /** Takes the next line (without its line break). */
    public void line(String text) {
      number++;
      String row = text.strip();
      if (row.isEmpty()) {
        return;
      }
      if (damaged > 0) {
        throw UserError.target("the import record is damaged at line " + damaged);
      }
      JsonNode node;
      try {
        node = JSON.readTree(row);
      } catch (JacksonException e) {
        damaged = number;
        return;
      }
      switch (node.path("type").asString("")) {
        case "start" -> {
          started = true;
          version = ints(node.path("version"));
          preloaded = strings(node.path("preloaded"));
        }
        case "call" -> calls.add(call(node));
        case "load" -> loads.add(load(node));
        case "lazy" -> lazy.add(lazy(node));
        case "startup" -> startup = node.path("seq").asLong(-1);
        case "end" -> {
          modules = endModules(node, complete ? modules : List.of());
          complete = true;
          for (JsonNode l : node.path("lines").values()) {
            lines.put(str(l, "file") + ":" + l.path("line").asInt(), str(l, "text"));
          }
        }
        default -> {}
      }
    }

    /** The log of every line taken; the reader is not to be used after. */
    public ImportLog finish() {
      if (!started) {
        throw UserError.target("the import record is empty: the recorder did not start");
      }
      calls.sort(Comparator.comparingLong(Call::seq));
      loads.sort(Comparator.comparingLong(Load::seq));
      lazy.sort(Comparator.comparingLong(Lazy::seq));
      return new ImportLog(
          version,
          preloaded,
          List.copyOf(calls),
          List.copyOf(loads),
          List.copyOf(lazy),
          startup,
          modules,
          lines,
          complete);
    }
  }

  /**
   * The modules after an {@code end} record: its list, or, for an {@code update} (a later end
   * that lists only what changed), the previous list with {@code gone} names removed, changed
   * entries replaced in place and new ones appended.
   */
  private static List<LoadedModule> endModules(JsonNode end, List<LoadedModule> previous) {
    Map<String, LoadedModule> at = new LinkedHashMap<>();
    if (end.path("update").asBoolean(false)) {
      previous.forEach(m -> at.put(m.name(), m));
      for (JsonNode gone : end.path("gone").values()) {
        at.remove(gone.asString());
      }
    }
    for (JsonNode m : end.path("modules").values()) {
      String name = str(m, "name");
      at.put(name, new LoadedModule(name, str(m, "file"), str(m, "kind")));
    }
    return List.copyOf(at.values());
  }

  private static Call call(JsonNode n) {
    List<Concerned> concerned = new ArrayList<>();
    for (JsonNode m : n.path("modules").values()) {
      concerned.add(
          new Concerned(
              str(m, "name"),
              str(m, "how"),
              m.path("before").asBoolean(),
              m.path("after").asBoolean()));
    }
    return new Call(
        n.path("seq").asLong(),
        str(n, "kind"),
        str(n, "importer"),
        str(n, "file"),
        n.path("line").asInt(0),
        str(n, "statement"),
        str(n, "name"),
        strings(n.path("fromlist")),
        n.path("level").asInt(0),
        List.copyOf(concerned),
        n.path("ok").asBoolean(true),
        str(n, "error"),
        n.path("depth").asInt(0),
        n.path("declared").isNumber() ? n.path("declared").asLong() : -1,
        str(n, "function"));
  }

  private static Lazy lazy(JsonNode n) {
    return new Lazy(
        n.path("seq").asLong(),
        str(n, "importer"),
        str(n, "file"),
        n.path("line").asInt(0),
        str(n, "name"),
        strings(n.path("fromlist")),
        n.path("filter").asBoolean(false),
        n.path("lazy").asBoolean(true),
        str(n, "mode"),
        n.path("listed").asBoolean(false));
  }

  private static Load load(JsonNode n) {
    JsonNode call = n.path("call");
    return new Load(
        n.path("seq").asLong(),
        str(n, "importer"),
        str(n, "file"),
        n.path("line").asInt(0),
        str(n, "statement"),
        str(n, "name"),
        call.isNumber() ? call.asLong() : -1,
        n.path("ok").asBoolean(true),
        str(n, "error"),
        n.path("depth").asInt(0));
  }

  private static String str(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isString() ? v.stringValue() : null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array.values()) {
      out.add(v.asString());
    }
    return List.copyOf(out);
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode v : array.values()) {
      out.add(v.asInt());
    }
    return List.copyOf(out);
  }
}
