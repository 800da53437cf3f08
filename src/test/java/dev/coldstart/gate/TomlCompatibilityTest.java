package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * tomlj (what coldstart reads pyproject.toml with) against Python's own tomllib, on documents that
 * exercise what a [tool.coldstart] table may contain: each document is read by both and the values,
 * with their types, must be equal; each invalid document must be rejected by both.
 */
class TomlCompatibilityTest {
  @TempDir Path temp;

  static final List<String> VALID =
      List.of(
          """
          [tool.coldstart]
          runs = 1_000
          timeout = 1e2
          regression-percent = 2.5
          hex = 0x1F
          oct = 0o17
          bin = 0b101
          neg = -0.0
          big = 9223372036854775807
          inf = +inf
          """,
          """
          tool.coldstart.python = 'C:\\Users\\me\\python.exe'
          tool.coldstart."quoted key" = "tab\\there \\u00e9 \\U0001F600"
          tool . coldstart . spaced = true
          """,
          """
          [tool.coldstart]
          multi = \"\"\"
          first line
            second \\
              joined\"\"\"
          literal = '''
          raw \\n text'''
          """,
          """
          [[tool.coldstart.entry]]
          name = "a"
          target = "-c import json"
          forbid = ["x", 'y',
            "z.*",  # trailing comma and a comment
          ]
          [[tool.coldstart.entry]]
          name = "b"
          target = "pkg.sub"
          budget-ms = 50
          [tool.coldstart.sub.table]
          k = [[1, 2], ["a"], []]
          """,
          """
          tool = {coldstart = {runs = 3, entry = [{name = "n", target = "t"}]}}
          """,
          """
          [tool.coldstart]
          "" = "empty key"
          nested = {a.b.c = 1}
          when = 1979-05-27T07:32:00Z
          """);

  static final List<String> INVALID =
      List.of(
          "[tool.coldstart]\nruns = 3\nruns = 4\n",
          "[tool.coldstart]\n[tool.coldstart]\n",
          "[tool.coldstart]\nx = [1, 'a'\n",
          "[tool.coldstart]\nx = 01\n",
          "[tool.coldstart]\nx = 1__0\n",
          "[tool.coldstart]\nx = \"bad \\q escape\"\n",
          "tool.coldstart.x = 1\n[tool.coldstart.x]\n",
          "[tool.coldstart]\nx = {a = 1,}\n",
          "[tool.coldstart]\nx = .5\n",
          "[tool.coldstart]\nx = 1\ny = 2 z = 3\n");

  private static Path tomllibPython() {
    for (String v : List.of("3.11", "3.12", "3.13")) {
      Path p = Pythons.pyenv(v);
      if (p != null) {
        return p;
      }
    }
    Path sys = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(sys), "no Python 3.11+ with tomllib");
    return sys;
  }

  private static final String DUMP =
      """
      import sys, json, tomllib, datetime, math
      def conv(v):
          if isinstance(v, bool): return ["bool", v]
          if isinstance(v, int): return ["int", str(v)]
          if isinstance(v, float): return ["float", "inf" if v == math.inf else "-inf" if v == -math.inf else repr(v)]
          if isinstance(v, str): return ["str", v]
          if isinstance(v, list): return ["array", [conv(x) for x in v]]
          if isinstance(v, dict): return ["table", {k: conv(x) for k, x in v.items()}]
          return ["datetime", None]
      try:
          with open(sys.argv[1], "rb") as f:
              print(json.dumps(conv(tomllib.load(f))))
      except tomllib.TOMLDecodeError as e:
          print(json.dumps(["error", str(e)]))
      """;

  private String tomllib(Path python, String toml) throws IOException, InterruptedException {
    Path doc = Files.createTempFile(temp, "doc", ".toml");
    Files.writeString(doc, toml, StandardCharsets.UTF_8);
    Path script = temp.resolve("dump.py");
    Files.writeString(script, DUMP);
    Process p =
        new ProcessBuilder(python.toString(), script.toString(), doc.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }

  /** The same tagged form as the Python dump, from tomlj's values. */
  private static Object tag(Object v) {
    if (v instanceof Boolean b) {
      return List.of("bool", b);
    } else if (v instanceof Long n) {
      return List.of("int", n.toString());
    } else if (v instanceof Double d) {
      return List.of("float", d);
    } else if (v instanceof String s) {
      return List.of("str", s);
    } else if (v instanceof TomlArray a) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        items.add(tag(a.get(i)));
      }
      return List.of("array", items);
    } else if (v instanceof TomlTable t) {
      Map<String, Object> m = new TreeMap<>();
      for (String k : t.keySet()) {
        m.put(k, tag(t.get(List.of(k))));
      }
      return List.of("table", m);
    }
    return java.util.Arrays.asList("datetime", null);
  }

  /** Python's tagged form with floats as doubles, so 1e2 and 100.0 compare by value. */
  private static Object fromPython(JsonNode n) {
    String type = n.get(0).asString();
    JsonNode v = n.get(1);
    return switch (type) {
      case "bool" -> List.of("bool", v.asBoolean());
      case "int", "str" -> List.of(type, v.asString());
      case "float" -> List.of("float", Double.parseDouble(v.asString().replace("inf", "Infinity")));
      case "array" -> {
        List<Object> items = new ArrayList<>();
        v.forEach(x -> items.add(fromPython(x)));
        yield List.of("array", items);
      }
      case "table" -> {
        Map<String, Object> m = new TreeMap<>();
        v.properties().forEach(e -> m.put(e.getKey(), fromPython(e.getValue())));
        yield List.of("table", m);
      }
      default -> java.util.Arrays.asList("datetime", null);
    };
  }

  @Test
  void tomljReadsTheSameValuesAsTomllib() throws Exception {
    Path python = tomllibPython();
    ObjectMapper json = new ObjectMapper();
    for (String doc : VALID) {
      TomlParseResult mine = Toml.parse(doc, TomlVersion.V1_0_0);
      assertThat(mine.errors()).as(doc).isEmpty();
      JsonNode theirs = json.readTree(tomllib(python, doc));
      assertThat(theirs.get(0).asString()).as(doc).isEqualTo("table");
      assertThat(tag(mine)).as(doc).isEqualTo(fromPython(theirs));
    }
  }

  @Test
  void tomljRejectsWhatTomllibRejects() throws Exception {
    Path python = tomllibPython();
    ObjectMapper json = new ObjectMapper();
    for (String doc : INVALID) {
      assertThat(json.readTree(tomllib(python, doc)).get(0).asString()).as(doc).isEqualTo("error");
      assertThat(Toml.parse(doc, TomlVersion.V1_0_0).hasErrors()).as(doc).isTrue();
    }
  }

  @Test
  void configReaderValuesMatchTomllib() throws Exception {
    Path python = tomllibPython();
    String doc = VALID.get(3);
    Path file = temp.resolve("pyproject.toml");
    Files.writeString(file, doc);
    CheckConfig c = ConfigReader.parse(doc.replaceAll("(?m)^\\[tool\\.coldstart\\.sub\\.table\\][\\s\\S]*", ""), file);
    JsonNode entries = new ObjectMapper().readTree(tomllib(python, doc)).get(1).get("tool").get(1).get("coldstart").get(1).get("entry").get(1);
    assertThat(c.entries()).hasSize(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i).get(1);
      assertThat(c.entries().get(i).name()).isEqualTo(e.get("name").get(1).asString());
      assertThat(c.entries().get(i).target())
          .isEqualTo(ConfigReader.target(e.get("target").get(1).asString(), temp));
    }
    assertThat(c.entries().get(0).forbid()).extracting(ModulePattern::text).containsExactly("x", "y", "z.*");
    assertThat(c.entries().get(1).budgetMs()).isEqualTo(50.0);
  }
}
