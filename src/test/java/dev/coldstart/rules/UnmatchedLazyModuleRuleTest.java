package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnmatchedLazyModuleRuleTest {
  private final UnmatchedLazyModuleRule rule = new UnmatchedLazyModuleRule();

  @Test
  void entriesNoImportMatchesAsCpython315MatchesThem() {
    var found = RuleTesting.assertMarked(
        rule, "pkg/__init__.py", "pkg",
        """
        import csv
        __lazy_modules__ = [
            "json",
            "pkg.a",
            "pkg",
            "xml",  # <- CS109
            "csv",  # <- CS109
            "yaml",  # <- CS109
            "gzip",  # <- CS109
            "zlib",  # <- CS109
        ]
        import json
        from .a import A
        from . import sub
        import xml.dom
        try:
            import gzip
        except ImportError:
            gzip = None
        def f():
            import zlib
        """);
    assertThat(found.get(0).message()).contains("imports xml.dom").contains("\"xml.dom\"");
    assertThat(found.get(1).message()).contains("before the list is bound");
    assertThat(found.get(2).message()).isEqualTo("\"yaml\" in __lazy_modules__ matches no import in this file.");
    assertThat(found.get(3).message()).contains("inside a try statement");
    assertThat(found.get(4).message()).contains("inside a function");
  }

  @Test
  void noListNoFindings() {
    RuleTesting.assertMarked(rule, "pkg/mod.py", "pkg.mod", "import json\n");
  }
}
