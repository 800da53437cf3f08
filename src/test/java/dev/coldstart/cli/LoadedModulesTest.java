package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Module counts and added/removed lists are what {@code sys.modules} holds when the target exits,
 * in profile, diff and fix --verify: a module a package's lazy {@code __getattr__} loads with
 * {@code importlib.import_module} has no {@code -X importtime} row, but it is loaded all the same.
 * Each expected count is what the real interpreter prints for {@code len(sys.modules)}.
 */
class LoadedModulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** pkg.heavy is loaded on first use of pkg.heavy, by import_module in pkg's __getattr__. */
  private Path lazyPackage() throws IOException {
    Path pkg = Files.createDirectories(tmp.resolve("pkg"));
    Files.writeString(
        pkg.resolve("__init__.py"),
        """
        import importlib


        def __getattr__(name):
            if name == "heavy":
                return importlib.import_module(".heavy", __name__)
            raise AttributeError(name)
        """);
    Files.writeString(
        pkg.resolve("heavy.py"), "import pkg.dep\nimport email.message\n\nTOTAL = sum(range(100000))\n");
    Files.writeString(pkg.resolve("dep.py"), "import decimal\n\nVALUE = sum(range(200000))\n");
    return pkg;
  }

  /** A script, and a twin that prints len(sys.modules) at its end (sys is always loaded). */
  private Path script(String name, String code) throws IOException {
    Files.writeString(tmp.resolve(name + "_count.py"), code + "import sys\nprint(len(sys.modules))\n");
    return Files.writeString(tmp.resolve(name + ".py"), code);
  }

  private static int pythonCount(Path script, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Pythons.python3().toString(), script.toString());
    pb.environment().putAll(env);
    Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return Integer.parseInt(out);
  }

  private static JsonNode profile(Path script, Path json, String... more) {
    List<String> args = new ArrayList<>(List.of("profile", script.toString(), "--runs", "3", "--warmup", "0",
        "--format", "json", "-o", json.toString(), "--python", Pythons.python3().toString()));
    args.addAll(List.of(more));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    try {
      return JSON.readTree(json.toFile());
    } catch (RuntimeException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode module(JsonNode profile, String name) {
    for (JsonNode m : profile.path("modules")) {
      if (m.path("name").asString().equals(name)) {
        return m;
      }
    }
    return null;
  }

  @Test
  void profileAndDiffCountWhatSysModulesHoldsAtExit() throws Exception {
    lazyPackage();
    Path eager = script("eager", "import pkg.heavy\n");
    Path lazy = script("lazy", "import pkg\npkg.heavy\n");
    int loaded = pythonCount(tmp.resolve("lazy_count.py"), Map.of());
    assertThat(pythonCount(tmp.resolve("eager_count.py"), Map.of())).isEqualTo(loaded);

    JsonNode a = profile(eager, tmp.resolve("a.json"));
    JsonNode b = profile(lazy, tmp.resolve("b.json"));
    // The gap itself: pkg.heavy has no importtime row when import_module loads it.
    assertThat(module(a, "pkg.heavy")).isNotNull();
    assertThat(module(b, "pkg.heavy")).isNull();
    assertThat(b.path("loaded").values()).extracting(JsonNode::asString).contains("pkg.heavy", "pkg.dep");
    assertThat(a.path("moduleCount").asDouble()).isEqualTo(loaded);
    assertThat(b.path("moduleCount").asDouble()).isEqualTo(loaded);

    CliRun text = CliRun.of("report", tmp.resolve("b.json").toString());
    assertThat(text.out()).contains("; " + loaded + " modules loaded (bare python: ");

    CliRun diff = CliRun.of("diff", tmp.resolve("a.json").toString(), tmp.resolve("b.json").toString());
    assertThat(diff.exit()).as(diff.err()).isZero();
    assertThat(diff.out())
        .contains("Added in B: 0 module(s)", "Removed in B: 0 module(s)")
        .contains(String.format("modules      %d -> %d (+0)", loaded, loaded));
  }

  @Test
  void retainedTimeOfALazyPackageStaysWithinItsCumulativeTime() throws Exception {
    lazyPackage();
    JsonNode b = profile(script("lazy", "import pkg\npkg.heavy\n"), tmp.resolve("b.json"), "--no-bare");
    JsonNode pkg = module(b, "pkg");
    JsonNode dep = module(b, "pkg.dep");
    // pkg.dep's row is outside pkg's (pkg's import had finished), yet only pkg brings it in.
    assertThat(pkg.path("retainedMs").path("median").asDouble())
        .isGreaterThanOrEqualTo(dep.path("cumulativeMs").path("median").asDouble());
    for (String end : List.of("median", "low", "high")) {
      assertThat(pkg.path("retainedMs").path(end).asDouble())
          .as(end).isLessThanOrEqualTo(pkg.path("cumulativeMs").path(end).asDouble());
    }
  }

  @Test
  void fixVerifyCountsModulesTheLazyInitStillLoads() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("tree"));
    Path app = Files.createDirectories(root.resolve("app"));
    Files.writeString(app.resolve("__init__.py"), "from .a import A\nfrom .b import make_b\n\n__all__ = [\"A\", \"make_b\"]\n");
    Files.writeString(app.resolve("a.py"), "import json\n\n\nclass A:\n    pass\n");
    Files.writeString(app.resolve("b.py"), "import email.message\n\n\ndef make_b():\n    return 2\n");
    Files.writeString(root.resolve("use_app.py"), "import app\n\napp.A\n");
    Path count = Files.writeString(tmp.resolve("count.py"), "import use_app\nimport sys\nprint(len(sys.modules))\n");
    Map<String, String> env = Map.of("PYTHONPATH", root.toString());
    int before = pythonCount(count, env);

    CliRun r = CliRun.of("fix", "--python", Pythons.python3().toString(), "--verify", "use_app", "--runs", "2",
        app.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(Files.readString(app.resolve("__init__.py"))).contains("def __getattr__(name):");
    int after = pythonCount(count, env);
    // app.a is still loaded (by the lazy __getattr__, without a row); app.b and email are not.
    assertThat(after).isLessThan(before);
    assertThat(r.out()).contains("Modules loaded: " + before + " before, " + after + " after");
  }

  private static java.util.Set<String> pythonModules(Path directory, String code) throws Exception {
    Process p =
        new ProcessBuilder(Pythons.python3().toString(), "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))")
            .directory(directory.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return new java.util.HashSet<>(out.lines().toList());
  }

  @Test
  void checkCountsWhatSysModulesHoldsAtExit() throws Exception {
    lazyPackage();
    // A module loaded and then dropped from sys.modules is not loaded at exit.
    Files.writeString(tmp.resolve("pkg/dep.py"), "import decimal\nimport colorsys\nimport sys\n\ndel sys.modules['colorsys']\n");
    String code = "import pkg; pkg.heavy";
    java.util.Set<String> bare = pythonModules(tmp, "pass");
    java.util.Set<String> target = pythonModules(tmp, code);
    assertThat(target).contains("pkg.heavy").doesNotContain("colorsys");
    long beyond = target.stream().filter(m -> !bare.contains(m)).count();
    Files.writeString(
        tmp.resolve("pyproject.toml"),
        "[[tool.coldstart.entry]]\nname = \"lazy\"\ntarget = \"-c " + code + "\"\nmax-modules = 1000\n");
    CliRun r = CliRun.of("check", "--config", tmp.resolve("pyproject.toml").toString(), "--no-timing",
        "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("loads " + beyond + " modules beyond a bare interpreter's " + bare.size() + " (limit 1000)");
  }
}
