package dev.coldstart.profile;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the target had loaded when it exited, from one untimed run under inventory.py: each module's
 * file and whether it is an extension. A module with an importtime row that is missing here failed
 * to import (or was removed from sys.modules). Empty when the inventory run could not be made.
 */
public record Inventory(Map<String, Entry> modules, String problem) {

  /** One loaded module. */
  public record Entry(String name, String file, boolean extension, boolean pkg) {}

  public boolean available() {
    return problem == null;
  }

  /** Runs the target once under the inventory script. Never throws for a failing target. */
  public static Inventory take(
      Interpreter python, Target target, Duration timeout, Map<String, String> env, Path directory) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("coldstart-inventory");
      Path script = dir.resolve("inventory.py");
      Path out = dir.resolve("modules.json");
      Files.writeString(script, Interpreters.resource("inventory.py"), StandardCharsets.UTF_8);
      List<String> args = new java.util.ArrayList<>();
      args.add(script.toString());
      args.add(out.toString());
      args.addAll(target.pythonArgs());
      PythonProcess p = PythonProcess.builder(python.executable(), args).timeout(timeout).discardStdout();
      env.forEach(p::env);
      if (directory != null) {
        p.directory(directory);
      }
      ProcessResult r = p.run();
      if (!Files.exists(out)) {
        return new Inventory(Map.of(), "the inventory run wrote nothing (exit " + r.exitCode() + ")");
      }
      JsonNode root = new ObjectMapper().readTree(out.toFile());
      Map<String, Entry> mods = new HashMap<>();
      for (JsonNode m : root.path("modules")) {
        String name = m.path("name").asString();
        String file = m.path("file").isString() ? m.path("file").asString() : null;
        mods.put(name, new Entry(name, file, m.path("extension").asBoolean(), m.path("package").asBoolean()));
      }
      return new Inventory(Map.copyOf(mods), null);
    } catch (IOException | RuntimeException e) {
      return new Inventory(Map.of(), "the inventory run failed: " + e.getMessage());
    } finally {
      deleteQuietly(dir);
    }
  }

  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // A temp directory left behind is harmless.
    }
  }
}
