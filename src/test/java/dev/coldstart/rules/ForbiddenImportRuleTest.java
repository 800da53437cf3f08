package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.ModulePattern;
import dev.coldstart.python.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForbiddenImportRuleTest {
  private final ForbiddenImportRule rule = new ForbiddenImportRule();

  private static final Map<String, String> PROJECT =
      Map.of(
          "fleet", "from .server import create_app\nfrom .version import VERSION\n",
          "fleet.version", "VERSION = '1'\n",
          "fleet.server", "import sqlite3\nimport json\nfrom fleet.protocols import http\ndef f():\n    import fastapi\n",
          "fleet.protocols", "",
          "fleet.protocols.http", "import fastapi\n",
          "tools", "import sqlite3\n");

  private static LintContext context(Map<String, PythonFile> files) {
    CheckConfig.Entry entry =
        new CheckConfig.Entry(
            "version", new Target.Module("fleet.version"), 1, null, null,
            List.of(ModulePattern.of("sqlite3"), ModulePattern.of("fleet.protocols.*")));
    return new LintContext(List.of(), StaticReach.of(List.of(entry), files), files.keySet());
  }

  private static Map<String, PythonFile> files() {
    Map<String, PythonFile> files = new LinkedHashMap<>();
    PROJECT.forEach((m, src) -> {
      String path = m.replace('.', '/') + (m.equals("fleet") || m.equals("fleet.protocols") ? "/__init__.py" : ".py");
      files.put(m, PythonFile.of(path, m, src));
    });
    return files;
  }

  @Test
  void forbiddenImportsInModulesTheEntryReaches() {
    Map<String, PythonFile> files = files();
    LintContext ctx = context(files);
    var found =
        RuleTesting.assertMarked(
            rule, "fleet/server.py", "fleet.server",
            """
            import sqlite3  # <- CS105
            import json
            from fleet.protocols import http  # <- CS105
            def f():
                import fastapi
            """,
            ctx);
    assertThat(found.get(0).message()).contains("entry 'version'").contains("fleet -> fleet.server");
  }

  @Test
  void modulesTheEntryDoesNotReachAreNotReported() {
    LintContext ctx = context(files());
    RuleTesting.assertMarked(rule, "tools.py", "tools", "import sqlite3\n", ctx);
    assertThat(ctx.reach()).containsKeys("fleet", "fleet.version", "fleet.server", "fleet.protocols.http");
    assertThat(ctx.reach()).doesNotContainKey("tools");
  }
}
