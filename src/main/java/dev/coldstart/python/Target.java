package dev.coldstart.python;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the user asked to measure. Each form knows the interpreter arguments that run it. */
public sealed interface Target {

  /** The arguments after the interpreter (and its own options) that run this target. */
  List<String> pythonArgs();

  /** How the target reads in reports, e.g. {@code import json} or {@code -m http.server}. */
  String describe();

  /** {@code import NAME}. */
  record Module(String name) implements Target {
    @Override
    public List<String> pythonArgs() {
      return List.of("-c", "import " + name);
    }

    @Override
    public String describe() {
      return "import " + name;
    }
  }

  /** {@code -c CODE}. */
  record Code(String code) implements Target {
    @Override
    public List<String> pythonArgs() {
      return List.of("-c", code);
    }

    @Override
    public String describe() {
      return "-c " + code;
    }
  }

  /** {@code -m MODULE ARGS...}: runs the module as {@code __main__}. */
  record RunModule(String module, List<String> args) implements Target {
    @Override
    public List<String> pythonArgs() {
      List<String> a = new ArrayList<>();
      a.add("-m");
      a.add(module);
      a.addAll(args);
      return a;
    }

    @Override
    public String describe() {
      return String.join(" ", pythonArgs());
    }
  }

  /** {@code SCRIPT.py ARGS...}. */
  record Script(Path script, List<String> args) implements Target {
    @Override
    public List<String> pythonArgs() {
      List<String> a = new ArrayList<>();
      a.add(script.toString());
      a.addAll(args);
      return a;
    }

    @Override
    public String describe() {
      return String.join(" ", pythonArgs());
    }
  }

  /** An existing {@code -X importtime} log; nothing is run. {@code "-"} is standard input. */
  record Log(String source) implements Target {
    @Override
    public List<String> pythonArgs() {
      throw new IllegalStateException("a log target is read, not run");
    }

    @Override
    public String describe() {
      return "log " + ("-".equals(source) ? "<stdin>" : source);
    }
  }

  /** True for a valid dotted Python module name such as {@code a.b_c.d}. */
  public static boolean isModuleName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0)) || part.contains("$")) {
        return false;
      }
      for (int i = 0; i < part.length(); ) {
        int cp = part.codePointAt(i);
        if (!Character.isJavaIdentifierPart(cp) || cp == '$') {
          return false;
        }
        i += Character.charCount(cp);
      }
    }
    return true;
  }
}
