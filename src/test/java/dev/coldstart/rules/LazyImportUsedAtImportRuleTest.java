package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LazyImportUsedAtImportRuleTest {
  private final LazyImportUsedAtImportRule rule = new LazyImportUsedAtImportRule();
  static final LintContext PY315 = new LintContext(List.of(), Map.of(), Set.of(), "3.15");

  @Test
  void lazyNamesUsedAtModuleOrClassLevelOrByCodeRunAtImport() {
    var found = RuleTesting.assertMarked(
        rule, "app/cli.py", "app.cli",
        """
        lazy import json  # <- CS108
        lazy import csv  # <- CS108
        lazy from decimal import Decimal  # <- CS108
        lazy import argparse
        lazy import sqlite3  # <- CS108
        lazy from typing import Any
        lazy import xml.dom as dom

        DEFAULT = json.dumps({})

        class Row:
            writer = csv.writer
            limit: Any = 1

        def parse(argv, d=Decimal("1")):
            return argparse.ArgumentParser().parse_args(argv)

        def build():
            return sqlite3.connect(":memory:")

        TABLE = build()

        def later():
            return dom
        """, PY315);
    assertThat(found.get(0).message()).contains("lazy keyword").contains("app/cli.py:9");
    assertThat(found.get(3).message()).contains("app/cli.py:19").contains("in build");
  }

  /** __lazy_modules__ makes imports lazy only on 3.15+: without that target the rule leaves them. */
  @Test
  void lazyModulesCountOnlyWhenTheProjectTargets315() {
    String src = """
        __lazy_modules__ = ["json"]
        import json  # <- CS108
        import csv
        CONFIG = json.loads("{}")
        WRITER = csv.writer
        """;
    var found = RuleTesting.assertMarked(rule, "app/conf.py", "app.conf", src, PY315);
    assertThat(found.get(0).message()).contains("\"json\" in __lazy_modules__, line 1").contains("app/conf.py:4");
    RuleTesting.assertMarked(rule, "app/conf.py", "app.conf", src.replace("  # <- CS108", ""));
  }
}
