package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.gate.CheckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinterTest {
  @TempDir Path temp;

  @Test
  void suppressionsSelectionAndModuleNames() throws Exception {
    Path pkg = Files.createDirectories(temp.resolve("src/pkg"));
    Files.writeString(pkg.resolve("__init__.py"),
        "from .a import A  # coldstart: ignore[CS101]\nfrom .b import B  # coldstart: ignore[CS102, CS101]\n"
            + "from .c import C  # coldstart: ignore\nfrom .d import D  # coldstart: ignore[CS104]\n");
    String root = temp.resolve("src").toString();
    LintReport r = Linter.run(List.of(root), CheckConfig.defaults(temp), List.of(), List.of());
    assertThat(r.findings()).extracting(Finding::line).containsExactly(4);
    assertThat(r.suppressed()).isEqualTo(3);
    assertThat(r.files()).isEqualTo(1);
    assertThat(Linter.moduleName(pkg.resolve("__init__.py"))).isEqualTo("pkg");
    assertThat(Linter.run(List.of(root), CheckConfig.defaults(temp), List.of("CS103"), List.of()).findings()).isEmpty();
    assertThat(Linter.run(List.of(root), CheckConfig.defaults(temp), List.of("CS1"), List.of("CS101")).findings()).isEmpty();
    assertThat(Linter.selected("CS101", List.of("CS10"), List.of())).isTrue();
    assertThat(Linter.selected("CS101", List.of(), List.of("CS1"))).isFalse();
  }

  @Test
  void oneFindingPerStatementRankedByTheModulesItLoads() throws Exception {
    Path pkg = Files.createDirectories(temp.resolve("src/pkg"));
    Files.writeString(pkg.resolve("__init__.py"), """
        from .small import VERSION
        from .helpers import _private
        from .big import run


        def helper():
            return _private()
        """);
    Files.writeString(pkg.resolve("small.py"), "VERSION = '1'\n");
    Files.writeString(pkg.resolve("helpers.py"), "def _private():\n    return 1\n");
    Files.writeString(pkg.resolve("big.py"), "from .a import A\nfrom .b import B\nfrom .c import C\nALL = (A, B, C)\n\ndef run():\n    return ALL\n");
    for (String m : List.of("a", "b", "c")) {
      Files.writeString(pkg.resolve(m + ".py"), m.toUpperCase() + " = 1\n");
    }
    String root = temp.resolve("src").toString();
    LintReport r = Linter.run(List.of(root), CheckConfig.defaults(temp), List.of(), List.of());
    // big loads big, a, b and c; small and helpers one module each. Line 2 is CS101 and CS104:
    // reported once, under the more specific CS104, with CS101 folded in.
    assertThat(r.findings()).extracting(f -> f.line() + " " + f.code() + " " + f.modules())
        .containsExactly("3 CS101 4", "1 CS101 1", "2 CS104 1");
    assertThat(r.findings().get(2).also()).extracting(Finding.Also::code).containsExactly("CS101");
    assertThat(r.total()).isEqualTo(3);
    assertThat(r.folded()).isEqualTo(1);
    assertThat(r.byRule()).containsExactly(java.util.Map.entry("CS101", 2), java.util.Map.entry("CS104", 1));
    LintReport top = r.top(1);
    assertThat(top.findings()).extracting(Finding::line).containsExactly(3);
    assertThat(top.total()).isEqualTo(3);
    assertThat(top.byRule()).isEqualTo(r.byRule());
  }

  @Test
  void whatTheParentPackageLoadsAnywayCostsNothing() throws Exception {
    Path pkg = Files.createDirectories(temp.resolve("src/pkg"));
    Files.writeString(pkg.resolve("__init__.py"), "from .core import CORE\n\n__all__ = ['CORE']\n");
    Files.writeString(pkg.resolve("core.py"), "CORE = 1\n");
    // pkg (run before pkg.tool) loads pkg.core already: deferring this import saves nothing.
    Files.writeString(pkg.resolve("tool.py"),
        "from pkg.core import CORE\nimport pkg as p\nfrom .extra import EXTRA\n\ndef f():\n    return CORE, p, EXTRA\n");
    Files.writeString(pkg.resolve("extra.py"), "EXTRA = 2\n");
    String root = temp.resolve("src").toString();
    LintReport r = Linter.run(List.of(root), CheckConfig.defaults(temp), List.of("CS104"), List.of());
    assertThat(r.findings()).extracting(f -> f.line() + " " + f.modules())
        .containsExactly("3 1", "1 0", "2 0");
  }
}
