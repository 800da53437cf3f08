package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fix kinds and filled hops from the source scanner. */
class StaticImportsTest {
  @TempDir Path tmp;

  private Optional<FixKind> kindAt(String source, int line) throws IOException {
    Path f = tmp.resolve("mod.py");
    Files.writeString(f, source);
    return new StaticImports().kindOf(new ImportSite(f.toString(), line, null));
  }

  @Test
  void importUsedOnlyInsideFunctionsIsFunctionLocal() throws IOException {
    String src =
        """
        import json
        import decimal as d

        def dump(x):
            return json.dumps(x)

        async def money(s): return d.Decimal(s)
        """;
    assertThat(kindAt(src, 1)).contains(FixKind.FUNCTION_LOCAL);
    assertThat(kindAt(src, 2)).contains(FixKind.FUNCTION_LOCAL);
  }

  @Test
  void importUsedAtImportTimeHasNoHint() throws IOException {
    String src =
        """
        import json
        from dataclasses import dataclass, field

        DEFAULT = json.dumps({})  # runs at import

        @dataclass
        class P:
            steps: list = field(default_factory=list)

        def f(x="json"):
            return json
        """;
    assertThat(kindAt(src, 1)).isEmpty();
    assertThat(kindAt(src, 2)).isEmpty();
  }

  @Test
  void importUsedOnlyInAnnotationsGoesUnderTypeChecking() throws IOException {
    String src =
        """
        from __future__ import annotations
        from decimal import Decimal
        import pathlib

        def total(a: Decimal, b: int = 3) -> Decimal:
            return 0

        def where() -> "x":
            return pathlib.Path(".")
        """;
    assertThat(kindAt(src, 2)).contains(FixKind.TYPE_CHECKING);
    assertThat(kindAt(src, 3)).contains(FixKind.FUNCTION_LOCAL);
  }

  @Test
  void namesInFStringsAndMultiLineAnnotationsAreSeen() throws IOException {
    String src =
        """
        import sys
        import re
        from typing import Any

        BANNER = f"python {sys.version}"

        def pattern(items):
            return f"(?:{'|'.join(re.escape(x) for x in items)})"

        class Table:
            rows: dict[
                str, Any
            ] = {}
        """;
    assertThat(kindAt(src, 1)).isEmpty(); // a module-level f-string runs at import
    assertThat(kindAt(src, 2)).contains(FixKind.FUNCTION_LOCAL);
    assertThat(kindAt(src, 3)).contains(FixKind.TYPE_CHECKING);
  }

  @Test
  void guardedImportIsAnOptionalProbe() throws IOException {
    String src =
        """
        try:
            import ujson as json
        except ImportError:
            import json
        """;
    assertThat(kindAt(src, 2)).contains(FixKind.DEFER_OPTIONAL_PROBE);
  }

  @Test
  void aHopWithoutAStatementIsFilledFromTheImportersSourceAndMarked() throws IOException {
    Path pkg = Files.createDirectories(tmp.resolve("pkg"));
    Files.writeString(pkg.resolve("__init__.py"), "\"\"\"doc\"\"\"\nfrom .core import (\n    run,\n)\n");
    ImportEdge seen = new ImportEdge("pkg", "pkg.core", null, ImportEdge.How.LOAD, false, java.util.List.of(), false, 1);
    RuntimeImportGraph graph =
        RuntimeImportGraph.from(
            ImportLog.parse(
                "{\"type\":\"start\",\"version\":[3,11,7],\"preloaded\":[]}\n"
                    + "{\"type\":\"end\",\"modules\":[{\"name\":\"pkg\",\"file\":\""
                    + pkg.resolve("__init__.py")
                    + "\",\"kind\":\"source\"}],\"lines\":[]}\n"));
    ImportSite site = new StaticImports().fill(seen, graph);
    assertThat(site.line()).isEqualTo(2);
    assertThat(site.statement()).isEqualTo("from .core import ( run, )");
    assertThat(site.fromStatic()).isTrue();
    assertThat(site.toString()).endsWith("(static)");
  }
}
