package dev.coldstart.rules;

import org.junit.jupiter.api.Test;

class AnnotationOnlyImportRuleTest {
  private final AnnotationOnlyImportRule rule = new AnnotationOnlyImportRule();

  @Test
  void importsUsedOnlyInAnnotations() {
    RuleTesting.assertMarked(
        rule, "app/models.py", "app.models",
        """
        from __future__ import annotations
        from decimal import Decimal  # <- CS103
        from collections import OrderedDict
        import pathlib  # <- CS103
        from fractions import Fraction
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from json import JSONDecoder

        x: Decimal = 3
        table = OrderedDict()

        def area(p: pathlib.Path, *, scale: float = 1.0) -> "Fraction":
            value: int = 0
            return Fraction(value)

        class Row:
            cost: Decimal
            def parse(self, d: JSONDecoder) -> None: ...
        """);
  }

  @Test
  void partlyUsedStatementsReExportsAndRuntimeAnnotationLibrariesAreLeftAlone() {
    RuleTesting.assertMarked(
        rule, "app/a.py", "app.a",
        """
        from decimal import Decimal, ROUND_UP
        from fractions import Fraction
        __all__ = ["Fraction"]
        def f(x: Decimal, y: Fraction) -> None:
            return ROUND_UP
        """);
    RuleTesting.assertMarked(
        rule, "app/b.py", "app.b",
        """
        from decimal import Decimal
        from pydantic import BaseModel
        class M(BaseModel):
            price: Decimal
        """);
  }

  @Test
  void lambdaDefaultsAndKeywordArgumentsAreNotAnnotations() {
    RuleTesting.assertMarked(
        rule, "app/c.py", "app.c",
        """
        import decimal
        import fractions  # <- CS103
        def f(x=lambda y: decimal.Decimal(y), z: fractions.Fraction = None):
            return x
        """);
  }
}
