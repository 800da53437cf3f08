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
