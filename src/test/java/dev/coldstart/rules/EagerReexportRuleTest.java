package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EagerReexportRuleTest {
  private final EagerReexportRule rule = new EagerReexportRule();

  @Test
  void moduleLevelImportsOfOwnSubmodulesInAnInit() {
    var found =
        RuleTesting.assertMarked(
            rule, "fleet/__init__.py", "fleet",
            """
            \"\"\"Docs.\"\"\"
            from __future__ import annotations
            import json
            from typing import TYPE_CHECKING
            from .errors import FleetError  # <- CS101
            from . import server  # <- CS101
            from fleet.protocols import Protocol  # <- CS101
            from fleetx import other
            try:
                from .speedups import fast  # <- CS101
            except ImportError:
                fast = None
            if TYPE_CHECKING:
                from .server import App
            def __getattr__(name):
                from .lazy import thing
                return thing
            """);
    assertThat(found.get(0).message()).contains("fleet.errors").contains("any fleet submodule");
    assertThat(found.get(0).fix()).contains("coldstart fix --select CS101 fleet/__init__.py");
  }

  /** On a 3.15+ target: suggest `lazy`, and imports listed in __lazy_modules__ are already lazy. */
  @Test
  void suggestsPep810WhenEverySupportedPythonHasIt() {
    String src = """
        __lazy_modules__ = ["fleet.server"]
        from .errors import FleetError  # <- CS101
        from .server import App
        lazy from .client import Client
        """;
    var found = RuleTesting.assertMarked(rule, "fleet/__init__.py", "fleet", src, LazyImportUsedAtImportRuleTest.PY315);
    assertThat(found.get(0).fix()).contains("`lazy from .errors import FleetError`").contains("coldstart fix --style pep810");
    // Without the target, __lazy_modules__ is ignored (older Pythons) and PEP 562 is suggested.
    var older = rule.check(PythonFile.of("fleet/__init__.py", "fleet", src), RuleTesting.NO_CONTEXT);
    assertThat(older).extracting(Finding::line).containsExactly(2, 3);
    assertThat(older.get(0).fix()).contains("PEP 562");
  }

  @Test
  void notInOrdinaryModules() {
    RuleTesting.assertMarked(rule, "fleet/server.py", "fleet.server", "from .errors import FleetError\n");
  }

  @Test
  void parentRelativeImportsResolveFromTheInitsPackage() {
    RuleTesting.assertMarked(
        rule, "a/b/__init__.py", "a.b",
        """
        from .. import sibling
        from ..b.c import x  # <- CS101
        from .d import y  # <- CS101
        """);
  }
}
