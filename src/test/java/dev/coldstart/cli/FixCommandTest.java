package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fix verb through the CLI: diff, --apply (twice), encodings and modes kept, --verify restoring. */
class FixCommandTest {
  @TempDir Path temp;

  private Path pkg(String init) throws Exception {
    Path p = temp.resolve("pkg");
    Files.createDirectories(p);
    Files.writeString(p.resolve("a.py"), "import json\n\n\nclass A:\n    pass\n");
    Files.writeString(p.resolve("b.py"), "def make_b():\n    return 2\n");
    Files.writeString(p.resolve("__init__.py"), init);
    return p;
  }

  @Test
  void diffByDefaultWritesNothingAndApplyTwiceIsANoOp() throws Exception {
    Path p = pkg("from .a import A\nfrom .b import make_b\n\n__all__ = [\"A\", \"make_b\"]\n");
    String before = Files.readString(p.resolve("__init__.py"));
    CliRun diff = CliRun.of("fix", p.toString());
    assertThat(diff.exit()).isZero();
    assertThat(diff.out()).contains("+++ b/" + p + "/__init__.py", "-from .a import A", "+def __getattr__(name):");
    assertThat(diff.err()).contains("2 re-exports made lazy (pep562): A, make_b").contains("would change");
    assertThat(Files.readString(p.resolve("__init__.py"))).isEqualTo(before);

    CliRun apply = CliRun.of("fix", "--apply", p.toString());
    assertThat(apply.exit()).isZero();
    assertThat(apply.out()).contains("Wrote 1 file(s).");
    String after = Files.readString(p.resolve("__init__.py"));
    assertThat(after).contains("if TYPE_CHECKING:\n    from .a import A\n    from .b import make_b\n");

    CliRun again = CliRun.of("fix", "--apply", p.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("Nothing to change.");
    assertThat(Files.readString(p.resolve("__init__.py"))).isEqualTo(after);
    try (var s = Files.list(p)) {
      assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void keepsCrlfLatin1CookieBomAndFileMode() throws Exception {
    Path p = pkg("");
    String text = "# -*- coding: latin-1 -*-\r\n\"\"\"Caf\u00e9.\"\"\"\r\nfrom .a import A\r\n\r\n__all__ = [\"A\"]\r\n";
    Charset latin1 = StandardCharsets.ISO_8859_1;
    Files.write(p.resolve("__init__.py"), text.getBytes(latin1));
    Files.setPosixFilePermissions(p.resolve("__init__.py"), PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(CliRun.of("fix", "--apply", p.toString()).exit()).isZero();
    byte[] raw = Files.readAllBytes(p.resolve("__init__.py"));
    String after = new String(raw, latin1);
    assertThat(after).startsWith("# -*- coding: latin-1 -*-\r\n\"\"\"Caf\u00e9.\"\"\"\r\nTYPE_CHECKING = False\r\n");
    assertThat(after.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p.resolve("__init__.py")))).isEqualTo("rwxr-x---");

    Path bom = temp.resolve("bom");
    Files.createDirectories(bom);
    Files.writeString(bom.resolve("x.py"), "");
    Files.write(bom.resolve("__init__.py"), ("\uFEFFfrom .x import *\nfrom .m import M\n__all__ = [\"M\"]\n").getBytes(StandardCharsets.UTF_8));
    Files.writeString(bom.resolve("m.py"), "M = 1\n");
    CliRun r = CliRun.of("fix", "--apply", bom.toString());
    assertThat(r.out()).contains("star import that cannot be resolved statically");
    byte[] b = Files.readAllBytes(bom.resolve("__init__.py"));
    assertThat(b[0] & 0xff).isEqualTo(0xEF);
    assertThat(new String(b, StandardCharsets.UTF_8)).contains("if TYPE_CHECKING:\n    from .m import M\n");
  }

  @Test
  void refusesMixedNewlinesAndUnknownKindsClearly() throws Exception {
    Path p = pkg("from .a import A\r\n__all__ = ['A']\n");
    CliRun r = CliRun.of("fix", p.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("file skipped: mixed line endings");
    CliRun bad = CliRun.of("fix", "--select", "everything", p.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown fix kind 'everything'").doesNotContain("Exception");
    assertThat(CliRun.of("fix", temp.resolve("nope").toString()).exit()).isEqualTo(2);
  }

  @Test
  void verifyRestoresTheFilesWhenThePublicApiChanges() throws Exception {
    Path py = Pythons.require("3.11");
    // a.py sets an attribute on the package when imported: eagerly, dir(pkg) has it; lazily not.
    Path p = pkg("from .a import A\nfrom .b import make_b\n\n__all__ = [\"A\", \"make_b\"]\n");
    Files.writeString(p.resolve("a.py"), "import pkg\n\npkg.REGISTERED = True\n\n\nclass A:\n    pass\n");
    String before = Files.readString(p.resolve("__init__.py"));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--verify", "pkg", "--runs", "2", p.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("Public API of pkg: CHANGED").contains("lost [REGISTERED]")
        .contains("the original files were restored");
    assertThat(Files.readString(p.resolve("__init__.py"))).isEqualTo(before);
  }

  /**
   * PEP 810 on the real 3.15: a package whose __init__ re-exports from its submodules. The eager
   * imports also bound pkg.server and pkg.version, so the fix must keep them (lazily) or dir(pkg)
   * changes and the verification refuses it. The style comes from requires-python; --python names
   * an older interpreter, so --verify has to find 3.15 itself and say so.
   */
  @Test
  void pep810FixOfSubmoduleReexportsVerifiesOn315AndDefersWhatTheyLoaded() throws Exception {
    Path py315 = Pythons.require("3.15");
    Path py311 = Pythons.require("3.11");
    Files.writeString(temp.resolve("pyproject.toml"), "[project]\nname = \"pkg\"\nrequires-python = \">=3.15\"\n");
    Path p = pkg("\"\"\"Re-exports.\"\"\"\nfrom .server import make\nfrom .version import V\n\n__all__ = [\"make\", \"V\"]\n");
    Files.writeString(p.resolve("server.py"), "import asyncio\nimport http.server\n\n\ndef make():\n    return http.server.HTTPServer\n");
    Files.writeString(p.resolve("version.py"), "V = \"1.0\"\n");
    String probe = "import sys, pkg.version; print(sorted(m for m in ('asyncio', 'http.server', 'pkg.server') if m in sys.modules))";
    assertThat(run(py315, probe)).isEqualTo("['asyncio', 'http.server', 'pkg.server']");

    CliRun r = CliRun.of("fix", "--python", py311.toString(), "--verify", "pkg.version", "--runs", "2", p.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Style pep810 (requires-python >=3.15 in ")
        .contains("Verified with CPython 3.15.")
        .contains("Public API of pkg: unchanged");
    assertThat(Files.readString(p.resolve("__init__.py"))).contains(
        "lazy from . import server, version\nlazy from .server import make\nlazy from .version import V\n");
    java.util.regex.Matcher loaded = java.util.regex.Pattern.compile("Modules loaded: (\\d+) before, (\\d+) after").matcher(r.out());
    assertThat(loaded.find()).as(r.out()).isTrue();
    assertThat(Integer.parseInt(loaded.group(2))).isLessThan(Integer.parseInt(loaded.group(1)));
    // import pkg.version no longer loads what the re-exports pulled in; the names still work.
    assertThat(run(py315, probe)).isEqualTo("[]");
    assertThat(run(py315, "import pkg; print('server' in dir(pkg), 'version' in dir(pkg), pkg.V, pkg.server.__name__, pkg.make.__name__)"))
        .isEqualTo("True True 1.0 pkg.server make");
  }

  /** The lazy-modules style keeps the submodule attributes too, through the package's own name. */
  @Test
  void lazyModulesFixOfSubmoduleReexportsVerifiesOn315() throws Exception {
    Path py315 = Pythons.require("3.15");
    Path p = pkg("from .server import make\nfrom .version import V\n\n__all__ = [\"make\", \"V\"]\n");
    Files.writeString(p.resolve("server.py"), "import asyncio\n\n\ndef make():\n    return asyncio\n");
    Files.writeString(p.resolve("version.py"), "V = \"1.0\"\n");
    CliRun r = CliRun.of("fix", "--style", "lazy-modules", "--python", py315.toString(), "--verify", "pkg.version",
        "--runs", "2", p.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Public API of pkg: unchanged").doesNotContain("Style pep810");
    assertThat(Files.readString(p.resolve("__init__.py"))).contains(
        "__lazy_modules__ = [\"pkg.server\", \"pkg.version\", \"pkg\"]\nfrom . import server, version\nfrom .server import make\n");
    assertThat(run(py315, "import sys, pkg.version; print('asyncio' in sys.modules)")).isEqualTo("False");
  }

  /** --verify of PEP 810 output on an interpreter older than 3.15 that was asked for explicitly. */
  @Test
  void pep810VerifyFindsNoOlderInterpreterGoodEnough() throws Exception {
    Path py311 = Pythons.require("3.11");
    var found = dev.coldstart.python.Interpreters.atLeast(
        dev.coldstart.python.Interpreters.probe(py311), 3, 15, java.util.Map.of("PATH", ""), java.util.List.of(temp.resolve("none")));
    assertThat(found).isEmpty();
    var self = dev.coldstart.python.Interpreters.atLeast(
        dev.coldstart.python.Interpreters.probe(py311), 3, 11, java.util.Map.of("PATH", ""), java.util.List.of());
    assertThat(self.orElseThrow().executable()).isEqualTo(py311);
  }

  private String run(Path python, String code) throws Exception {
    Process proc = new ProcessBuilder(python.toString(), "-c", code).directory(temp.toFile())
        .redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(proc.waitFor()).as(out).isZero();
    return out;
  }
}
