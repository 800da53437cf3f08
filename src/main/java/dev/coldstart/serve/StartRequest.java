package dev.coldstart.serve;

import dev.coldstart.UserError;
import dev.coldstart.cli.TargetOptions;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A profile the page asks for, validated on the server: the page is only a convenience, so every
 * field is checked here as if it came from anyone. The target is parsed by the command line's own
 * rules ({@link TargetOptions#parse}); a relative script path is taken from the served directory.
 *
 * @param target what to run
 * @param runs measured runs, 1 to {@value #MAX_RUNS}
 * @param warmup warm-up runs of each kind, 0 to {@value #MAX_WARMUP}
 * @param bare also measure the bare interpreter, interleaved
 * @param timeout limit per run
 */
record StartRequest(Target target, int runs, int warmup, boolean bare, Duration timeout) {
  static final int MAX_RUNS = 1000;
  static final int MAX_WARMUP = 100;
  static final int MAX_BODY = 64 * 1024;
  private static final Set<String> FIELDS = Set.of("target", "argv", "runs", "warmup", "bare", "timeoutSeconds");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Reads and validates a request body.
   *
   * @throws UserError (usage) with a message for the page when anything is wrong
   */
  static StartRequest parse(String body, Path base) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw UserError.usage("the request is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw UserError.usage("the request must be a JSON object");
    }
    for (String name : root.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw UserError.usage("unknown field '" + name + "' (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
      }
    }
    List<String> words = words(root);
    if (words.contains("--log")) {
      throw UserError.usage("the dashboard runs Python; to read an existing log use `coldstart profile --log FILE`");
    }
    Target target = TargetOptions.parse(words, base);
    int runs = integer(root, "runs", 10, 1, MAX_RUNS);
    int warmup = integer(root, "warmup", 1, 0, MAX_WARMUP);
    boolean bare = true;
    if (root.has("bare")) {
      if (!root.get("bare").isBoolean()) {
        throw UserError.usage("'bare' must be true or false");
      }
      bare = root.get("bare").booleanValue();
    }
    int timeout = integer(root, "timeoutSeconds", 120, 1, 3600);
    return new StartRequest(target, runs, warmup, bare, Duration.ofSeconds(timeout));
  }

  private static List<String> words(JsonNode root) {
    boolean hasTarget = root.has("target");
    boolean hasArgv = root.has("argv");
    if (hasTarget == hasArgv) {
      throw UserError.usage("give the target as either 'target' (a command line) or 'argv' (its words)");
    }
    if (hasTarget) {
      JsonNode t = root.get("target");
      if (!t.isString()) {
        throw UserError.usage("'target' must be a string such as -c \"import json\"");
      }
      List<String> words = ShellWords.split(t.stringValue());
      if (words.isEmpty()) {
        throw UserError.usage("no target: give a MODULE, -c CODE, -m MODULE or SCRIPT.py");
      }
      return words;
    }
    JsonNode a = root.get("argv");
    if (!a.isArray() || a.isEmpty()) {
      throw UserError.usage("'argv' must be a non-empty array of strings");
    }
    List<String> words = new ArrayList<>();
    for (JsonNode w : a) {
      if (!w.isString()) {
        throw UserError.usage("'argv' must hold only strings");
      }
      words.add(w.stringValue());
    }
    return words;
  }

  private static int integer(JsonNode root, String name, int dflt, int min, int max) {
    if (!root.has(name)) {
      return dflt;
    }
    JsonNode n = root.get(name);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw UserError.usage("'" + name + "' must be a whole number");
    }
    int v = n.intValue();
    if (v < min || v > max) {
      throw UserError.usage("'" + name + "' must be between " + min + " and " + max + " (got " + v + ")");
    }
    return v;
  }
}
