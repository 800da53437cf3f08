package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fix} on the shapes users reported broken (docs/fix.md, "What keeps a fix safe"): each test
 * builds the package, runs the CLI as a user would, then imports the result in a fresh interpreter.
 */
class FixSafetyTest {
  @TempDir Path temp;

  private void tree(Map<String, String> files) throws Exception {
    for (var e : files.entrySet()) {
      Path p = temp.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
  }

  /** Runs code in a fresh interpreter with temp first on sys.path; returns exit code and output. */
  private Run python(Path py, String code) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(py.toString(), "-c", code).directory(temp.toFile()).redirectErrorStream(true);
    pb.environment().put("PYTHONPATH", temp.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  private record Run(int exit, String out) {}

  /**
   * srv.errs re-exports ErrorDetails, then imports .handlers, which imports srv.versioning, which
   * imports ErrorDetails back from srv.errs. The lazy machinery must exist before that eager import
   * runs: at the end of the file it came too late ("cannot import name 'ErrorDetails' from
   * partially initialized module").
   */
  @Test
  void lazyMachineryComesBeforeTheEagerImportThatClosesACycle() throws Exception {
    Path py = Pythons.require("3.11");
    tree(Map.of(
        "srv/__init__.py", "",
        "srv/versioning.py", "from srv.errs import ErrorDetails\n\nVERSION_ERRORS = [ErrorDetails]\n",
        "srv/errs/__init__.py", "from .responses import ErrorDetails\nfrom .handlers import handlers\n\n"
            + "__all__ = [\"ErrorDetails\", \"handlers\"]\n",
        "srv/errs/responses.py", "class ErrorDetails:\n    pass\n",
        "srv/errs/handlers.py", "import srv.versioning\n\n\ndef handlers():\n    return srv.versioning.VERSION_ERRORS\n"));
    assertThat(python(py, "import srv.errs").exit()).isZero();
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--apply", temp.resolve("srv/errs").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("1 re-export made lazy (pep562): ErrorDetails");
    String init = Files.readString(temp.resolve("srv/errs/__init__.py"));
    assertThat(init.indexOf("def __getattr__")).isLessThan(init.indexOf("from .handlers import handlers"));
    Run after = python(py, "import srv.errs, srv.versioning; print(srv.errs.ErrorDetails.__module__, srv.errs.handlers())");
    assertThat(after.out()).contains("srv.errs.responses");
    assertThat(after.exit()).as(after.out()).isZero();
  }

  private static final Map<String, String> CYCLE = Map.of(
      "cyc/__init__.py", "from .x import X\nfrom .y import y\n\n__all__ = [\"X\", \"y\"]\n",
      "cyc/x.py", "from .z import Z\n\nX = Z\n",
      "cyc/z.py", "Z = 1\n\nfrom .y import y\n",
      "cyc/y.py", "from .z import Z\n\n\ndef y():\n    return Z\n");

  /**
   * Deferring line 1 alone makes the still-eager line 2 enter the y/z cycle from the other side,
   * where z finds y half-initialised. The statement is refused with the cycle printed.
   */
  @Test
  void refusesADeferralThatWouldChangeTheOrderACycleIsEntered() throws Exception {
    Path py = Pythons.require("3.11");
    tree(CYCLE);
    assertThat(python(py, "import cyc").exit()).isZero();
    String before = Files.readString(temp.resolve("cyc/__init__.py"));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--apply", temp.resolve("cyc").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("cyc/__init__.py:1: not fixed (reexport): it enters the import cycle")
        .contains("cyc.y -> cyc.z -> cyc.y").contains("Nothing to change.");
    assertThat(Files.readString(temp.resolve("cyc/__init__.py"))).isEqualTo(before);
    assertThat(python(py, "import cyc; print(cyc.y(), cyc.X)").exit()).isZero();
  }

  /**
   * A cycle the static graph cannot see (x loads z with importlib): --apply imports each changed
   * module in a fresh interpreter after writing, and puts the files back when that fails;
   * --no-import-check writes anyway.
   */
  @Test
  void applyImportsTheChangedModulesAndRestoresWhenTheImportFails() throws Exception {
    Path py = Pythons.require("3.11");
    tree(CYCLE);
    Files.writeString(temp.resolve("cyc/x.py"), "import importlib\n\nX = importlib.import_module(\"cyc.z\").Z\n");
    assertThat(python(py, "import cyc").exit()).isZero();
    String before = Files.readString(temp.resolve("cyc/__init__.py"));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--apply", temp.resolve("cyc").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("Import check: cyc fails after the fix")
        .contains("cannot import name 'y' from partially initialized module")
        .contains("the original files were restored");
    assertThat(Files.readString(temp.resolve("cyc/__init__.py"))).isEqualTo(before);

    CliRun unchecked = CliRun.of("fix", "--python", py.toString(), "--apply", "--no-import-check",
        temp.resolve("cyc").toString());
    assertThat(unchecked.exit()).as(unchecked.out() + unchecked.err()).isZero();
    assertThat(unchecked.out()).contains("Wrote 1 file(s).").doesNotContain("Import check");
    assertThat(python(py, "import cyc").exit()).isNotZero();
  }

  /**
   * Test modules are not imported with the package, so their `from pkg import Basic` is no
   * evidence of a circular import; a builtin applied to literals after the re-exports is no side
   * effect.
   */
  @Test
  void testModulesAndLiteralBuiltinsDoNotBlockAFix() throws Exception {
    Path py = Pythons.require("3.11");
    tree(Map.of(
        "pkg/__init__.py", "from .core import Basic\n\nNAMES = frozenset({\"a\", \"b\"})\n"
            + "ORDER = tuple(sorted([3, 1, 2]))\n\n__all__ = [\"Basic\", \"NAMES\"]\n",
        "pkg/core.py", "class Basic:\n    pass\n",
        "pkg/tests/__init__.py", "",
        "pkg/tests/test_core.py", "from pkg import Basic\n\n\ndef test_basic():\n    assert Basic()\n"));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--apply", temp.resolve("pkg").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("1 re-export made lazy (pep562): Basic").doesNotContain("not fixed");
    assertThat(python(py, "import pkg.tests.test_core as t; t.test_basic(); import pkg; print(pkg.NAMES)").exit()).isZero();

    // A real call after the re-exports is still refused.
    Files.writeString(temp.resolve("pkg/__init__.py"),
        "from .core import Basic\n\nNAMES = frozenset(compute())\n\n__all__ = [\"Basic\"]\n");
    CliRun call = CliRun.of("fix", "--python", py.toString(), temp.resolve("pkg").toString());
    assertThat(call.err()).contains("module-level code calls something at line 3");
  }

  /**
   * A frozenset of strings has a different repr in every interpreter (hash randomisation): --verify
   * must not call that an API change.
   */
  @Test
  void verifyIsNotFooledByHashRandomisation() throws Exception {
    Path py = Pythons.require("3.11");
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      names.append(i == 0 ? "" : ", ").append("\"name").append(i).append('"');
    }
    tree(Map.of(
        "pkg/__init__.py", "from .consts import NAMES\n\n__all__ = [\"NAMES\"]\n",
        "pkg/consts.py", "NAMES = frozenset({" + names + "})\n"));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--verify", "pkg", "--runs", "1", temp.resolve("pkg").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Public API of pkg: unchanged");
  }

  /** No advice to add `from __future__ import annotations` where the next run would refuse anyway. */
  @Test
  void neverAdvisesAStepThatLeadsToAnotherRefusal() throws Exception {
    tree(Map.of(
        "app/__init__.py", "",
        "app/api.py", "from decimal import Decimal\n\nimport pydantic\n\n\nclass M(pydantic.BaseModel):\n    x: int\n\n\n"
            + "def total(d: Decimal) -> int:\n    return 1\n"));
    CliRun r = CliRun.of("fix", "--select", "type-checking", temp.resolve("app/api.py").toString());
    assertThat(r.err()).contains("uses 'pydantic', which reads annotations at run time")
        .doesNotContain("__future__");
  }

  /**
   * typing and the modules every interpreter loads at start-up stay where they are (moving them saves
   * nothing); the rest go into one `if TYPE_CHECKING:` block.
   */
  @Test
  void typeCheckingSkipsFreeModulesAndWritesOneBlock() throws Exception {
    Path py = Pythons.require("3.11");
    tree(Map.of(
        "app/__init__.py", "",
        "app/mod.py", """
            from __future__ import annotations

            from typing import Sequence
            import json
            from decimal import Decimal
            import os
            from fractions import Fraction


            def f(a: Sequence[int], b: Decimal, c: Fraction, p: os.PathLike) -> str:
                return json.dumps(list(a))
            """));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--select", "type-checking", "--apply",
        temp.resolve("app/mod.py").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    String after = Files.readString(temp.resolve("app/mod.py"));
    assertThat(after).contains("from typing import Sequence\nimport json\n")
        .contains("import os\n")
        .contains("if TYPE_CHECKING:\n    from decimal import Decimal\n    from fractions import Fraction\n");
    assertThat(after.split("if TYPE_CHECKING:", -1)).hasSize(2);
    assertThat(python(py, "import app.mod; print(app.mod.f([1], 1, 2, '.'))").exit()).isZero();
  }
}
