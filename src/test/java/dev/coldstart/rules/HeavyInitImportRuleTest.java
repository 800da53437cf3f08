package dev.coldstart.rules;

import dev.coldstart.gate.ModulePattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeavyInitImportRuleTest {
  private final HeavyInitImportRule rule = new HeavyInitImportRule();

  @Test
  void knownAndConfiguredHeavyModulesAtModuleLevelOfAnInit() {
    RuleTesting.assertMarked(
        rule, "pkg/__init__.py", "pkg",
        """
        import os
        import numpy as np  # <- CS102
        from pandas.core import frame  # <- CS102
        import json, requests  # <- CS102
        from mycorp.bigmodel import load  # <- CS102
        import mycorp.small
        from .sub import x
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            import torch
        def f():
            import scipy
        """,
        new LintContext(List.of(ModulePattern.of("mycorp.bigmodel")), Map.of(), Set.of()));
  }

  @Test
  void notInOrdinaryModules() {
    RuleTesting.assertMarked(rule, "pkg/mod.py", "pkg.mod", "import numpy\n");
  }
}
