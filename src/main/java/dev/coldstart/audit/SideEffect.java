package dev.coldstart.audit;

import java.util.Locale;

/**
 * One thing a module did while it was being imported besides defining its own names, recorded by
 * {@code side_effects.py} (see docs/audit.md, "Side effects").
 *
 * @param kind what sort of effect
 * @param detail what exactly, e.g. {@code open('/tmp/x.log', 'w')} or {@code pkg.registry.PLUGINS
 *     grew 0 -> 1}
 * @param module the module whose body was executing (the innermost import in progress)
 * @param file that module's file, or null (a built-in or namespace module)
 * @param line the line of that module's body that did it, or null when not found
 * @param via where a library called by that line did it ({@code file:line}), or null
 * @param stdlib whether the module is part of the standard library
 */
public record SideEffect(
    Kind kind, String detail, String module, String file, Integer line, String via, boolean stdlib) {

  /** The sorts of side effect the recorder sees. */
  public enum Kind {
    FILE_WRITE("file opened for writing"),
    SOCKET("socket connect or bind"),
    SUBPROCESS("subprocess started"),
    ENVIRON("environment changed"),
    SIGNAL("signal handler set"),
    ATEXIT("atexit handler registered"),
    THREAD("thread started"),
    SYS_PATH("sys.path changed"),
    SYS_MODULES("sys.modules changed (not by an import)"),
    META_PATH("sys.meta_path changed"),
    PATH_HOOKS("sys.path_hooks changed"),
    BUILTINS("builtins changed"),
    MODULE_ATTRIBUTE("attribute set on another module"),
    REGISTRY("container of another module grew or shrank");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** What it means, in a few words. */
    public String description() {
      return description;
    }

    /** The name the recorder and the JSON output use, e.g. {@code file_write}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id} by the recorder, or null for one this version does not know. */
    static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id().equals(id)) {
          return k;
        }
      }
      return null;
    }

    /** Whether the recorder finds this kind by comparing snapshots (its line needs a traced run). */
    boolean fromSnapshots() {
      return switch (this) {
        case SYS_PATH, SYS_MODULES, META_PATH, PATH_HOOKS, BUILTINS, MODULE_ATTRIBUTE, REGISTRY -> true;
        default -> false;
      };
    }
  }

  /** {@code file:line}, {@code file} or the module name, whichever is known. */
  public String where() {
    String place = file != null ? file : module;
    return line != null ? place + ":" + line : place;
  }
}
