package dev.coldstart.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceScannerTest {
  private static ImportStatement only(String src) {
    List<ImportStatement> imports = SourceScanner.scan(src).imports();
    assertThat(imports).hasSize(1);
    return imports.get(0);
  }

  @Test
  void importRecordsPositionEndLineAndText() {
    ImportStatement s = only("x = 1\nif x:\n    from .pkg.mod import (a,\n        b as c)  # tail\n");
    assertThat(s.line()).isEqualTo(3);
    assertThat(s.endLine()).isEqualTo(4);
    assertThat(s.column()).isEqualTo(4);
    assertThat(s.kind()).isEqualTo(ImportKind.FROM);
    assertThat(s.module()).isEqualTo("pkg.mod");
    assertThat(s.level()).isEqualTo(1);
    assertThat(s.names())
        .containsExactly(new ImportedName("a", null), new ImportedName("b", "c"));
    assertThat(s.text()).isEqualTo("from .pkg.mod import (a,\n        b as c)");
    assertThat(s.conditional()).isTrue();
    assertThat(s.modules()).containsExactly("pkg.mod");
  }

  @Test
  void lazyImportsAreMarkedLazy() {
    ModuleFacts f = SourceScanner.scan("lazy import json\nlazy from a.b import c\nlazy = 1\n");
    assertThat(f.imports()).extracting(ImportStatement::lazy).containsExactly(true, true);
    assertThat(f.imports().get(1).text()).isEqualTo("lazy from a.b import c");
    assertThat(f.boundNames()).containsExactly("json", "c", "lazy");
    assertThat(f.diagnostics()).isEmpty();
  }

  @Test
  void lazyImportInsideAFunctionIsReportedButKept() {
    ModuleFacts f = SourceScanner.scan("def f():\n    lazy import json\n");
    assertThat(f.imports()).singleElement().extracting(ImportStatement::lazy).isEqualTo(true);
    assertThat(f.diagnostics()).singleElement().extracting(Diagnostic::line).isEqualTo(2);
  }

  @Test
  void tStringsAndNestedFStringsHideTheirText() {
    ModuleFacts f = SourceScanner.scan(
        "a = t'{x} import no'\nb = f\"{f'{\"import no\"}'}\"; import yes\n");
    assertThat(f.imports()).extracting(s -> s.names().get(0).name()).containsExactly("yes");
    assertThat(f.diagnostics()).isEmpty();
  }

  @Test
  void lazyModulesCollectsEntriesWithTheirLinesInAnyContainer() {
    ModuleFacts f = SourceScanner.scan(
        """
        __lazy_modules__ = [
            "json",
            'pkg.a',
        ]
        __lazy_modules__ += {"xml.dom"}
        __lazy_modules__.append("csv")
        __all__ = ["x"]
        """);
    assertThat(f.lazyModules()).hasValueSatisfying(m -> {
      assertThat(m.entries()).containsExactly(new LazyModules.Entry("json", 2), new LazyModules.Entry("pkg.a", 3),
          new LazyModules.Entry("xml.dom", 5), new LazyModules.Entry("csv", 6));
      assertThat(m.dynamic()).isFalse();
      assertThat(m.line()).isEqualTo(1);
    });
    assertThat(f.dunderAll().orElseThrow().names()).containsExactly("x");
    assertThat(f.boundNames()).contains("__lazy_modules__");
    assertThat(SourceScanner.scan("__lazy_modules__ = names()\n").lazyModules().orElseThrow().dynamic()).isTrue();
    assertThat(SourceScanner.scan("__all__ = {'a'}\n").dunderAll().orElseThrow().dynamic()).isTrue();
  }

  /** What CPython 3.15.2 does (see LazyModules): exact names, after the list, module level, no try. */
  @Test
  void lazyEntryFollowsWhereCpythonAppliesTheList() {
    ModuleFacts f = SourceScanner.scan(
        """
        import csv
        __lazy_modules__ = ["json", "csv", "xml"]
        import json
        import xml.dom
        try:
            import json
        finally:
            pass
        class C:
            import json
        if x:
            import json
        """);
    List<ImportStatement> s = f.imports();
    assertThat(f.lazyEntry(s.get(0), "csv")).isEmpty(); // before the list
    assertThat(f.lazyEntry(s.get(1), "json")).hasValue(new LazyModules.Entry("json", 2));
    assertThat(f.lazyEntry(s.get(2), "xml.dom")).isEmpty(); // "xml" does not cover xml.dom
    assertThat(s.get(3).inTry()).isTrue();
    assertThat(f.lazyEntry(s.get(3), "json")).isEmpty();
    assertThat(f.lazyEntry(s.get(4), "json")).isEmpty(); // class body
    assertThat(f.lazyEntry(s.get(5), "json")).isPresent(); // an if block at module level
  }

  @Test
  void lazyKeywordInAnyPartOfATryIsReported() {
    for (String part : List.of("try:\n    lazy import json\nexcept ImportError:\n    pass\n",
        "try:\n    pass\nexcept ImportError:\n    lazy import json\n", "try:\n    pass\nfinally:\n    lazy import json\n")) {
      assertThat(SourceScanner.scan(part).diagnostics()).as(part).singleElement()
          .extracting(Diagnostic::message).isEqualTo("lazy import is allowed only at module level");
    }
  }

  @Test
  void dunderAllCollectsLiteralFormsInOrder() {
    ModuleFacts f = SourceScanner.scan(
        """
        __all__ = ['a', "b"]
        __all__ += ('c',)
        __all__.extend(['d', 'b'])
        __all__.append('e')
        """);
    assertThat(f.dunderAll()).hasValueSatisfying(all -> {
      assertThat(all.names()).containsExactly("a", "b", "c", "d", "e");
      assertThat(all.dynamic()).isFalse();
      assertThat(all.line()).isEqualTo(1);
    });
  }

  @Test
  void dunderAllBuiltFromOtherModulesIsDynamic() {
    ModuleFacts f = SourceScanner.scan("__all__ = ['x'] + sub.__all__\n");
    assertThat(f.dunderAll()).hasValueSatisfying(all -> {
      assertThat(all.names()).containsExactly("x");
      assertThat(all.dynamic()).isTrue();
    });
    assertThat(SourceScanner.scan("x = 1\n").dunderAll()).isEmpty();
  }

  @Test
  void moduleGetattrAndDirAreSeenOnlyAtModuleLevel() {
    ModuleFacts f = SourceScanner.scan(
        "if True:\n    def __getattr__(name): ...\nclass A:\n    def __dir__(self): ...\n");
    assertThat(f.hasModuleGetattr()).isTrue();
    assertThat(f.hasModuleDir()).isFalse();
  }

  @Test
  void boundNamesCoverEveryModuleLevelBinding() {
    ModuleFacts f = SourceScanner.scan(
        """
        import os.path, sys as system
        from m import a, b as bee
        from n import *
        x = y = 1
        p, (q, *r) = s
        t.attr = 2
        u[0] = 3
        n: int = 4
        ann_only: int
        count += 1
        def fn(): local = 1
        class K: inner = 1
        for i, j in []: pass
        with open(f) as fh, ctx() as (c1, c2): pass
        type Alias = int
        f = lambda k=1: k
        """);
    assertThat(f.boundNames())
        .containsExactly("os", "system", "a", "bee", "x", "y", "p", "q", "r", "n", "count", "fn",
            "K", "i", "j", "fh", "Alias", "f");
  }

  @Test
  void pep263CookieAndBomAreHonoured() {
    byte[] latin = "# coding: latin-1\nimport caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(SourceScanner.scan(latin).imports().get(0).names().get(0).name()).isEqualTo("caf\u00e9");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'i', 'm', 'p', 'o', 'r', 't', ' ', 'x'};
    ImportStatement s = SourceScanner.scan(bom).imports().get(0);
    assertThat(s.column()).isZero();
    assertThat(s.names().get(0).name()).isEqualTo("x");
  }

  @Test
  void undecodableBytesGiveADiagnosticAndPartialResults() {
    byte[] bad = {'i', 'm', 'p', 'o', 'r', 't', ' ', 'a', '\n', '#', (byte) 0xff, '\n', 'x', '='};
    ModuleFacts f = SourceScanner.scan(bad);
    assertThat(f.imports()).hasSize(1);
    assertThat(f.diagnostics()).isNotEmpty();
    ModuleFacts unknown = SourceScanner.scan("# coding: no-such-codec\nimport a\n");
    assertThat(unknown.imports()).hasSize(1);
    assertThat(unknown.diagnostics()).singleElement().extracting(Diagnostic::message)
        .asString().contains("no-such-codec");
  }

  @Test
  void badSyntaxGivesDiagnosticsAndKeepsTheRest() {
    ModuleFacts f = SourceScanner.scan("import\nfrom x import\nx = )\nimport ok\ns = 'open\n");
    assertThat(f.imports()).extracting(s -> s.names().get(0).name()).containsExactly("ok");
    assertThat(f.diagnostics()).extracting(Diagnostic::line).contains(1, 2, 3, 5);
  }

  @Test
  void guardedNeedsAHandlerOfTheSameTryAndStopsAtDef() {
    ModuleFacts f = SourceScanner.scan(
        """
        try:
            import a
            def f():
                import b
        except (ValueError, ImportError):
            import c
        """);
    assertThat(f.imports()).extracting(ImportStatement::guarded).containsExactly(true, false, false);
    assertThat(f.imports()).extracting(ImportStatement::conditional)
        .containsExactly(false, false, true);
  }

  @Test
  void typeCheckingReachesIntoFunctionsDefinedUnderIt() {
    ModuleFacts f = SourceScanner.scan(
        "if TYPE_CHECKING:\n    def f():\n        import a\nelse:\n    import b\n");
    assertThat(f.imports()).extracting(ImportStatement::typeChecking).containsExactly(true, false);
    assertThat(f.imports()).extracting(ImportStatement::scope)
        .containsExactly(Scope.FUNCTION, Scope.MODULE);
  }
}
