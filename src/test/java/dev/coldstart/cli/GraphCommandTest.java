package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.layout.Trees;
import dev.coldstart.testing.Pythons;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The graph verb and the static why, driven through argv like a user does. */
class GraphCommandTest {
  @TempDir Path tmp;
  private Path src;
  private Path site;

  @BeforeEach
  void tree() {
    src = Trees.write(tmp.resolve("src"),
        "shop/__init__.py", "from .cart import Cart\n",
        "shop/cart.py", "import shop.money\nfrom shop import money\n",
        "shop/money.py", "from shop.cart import Cart\nimport missing_dep\n",
        "shop/tools/__init__.py", "",
        "shop/tools/deep.py", "from ...shop import cart\nfrom .. import money\n");
    site = Trees.write(tmp.resolve("site-packages"),
        "hook.pth", "import hookmod\n../extra\n",
        "hookmod.py", "");
    Trees.write(tmp.resolve("extra"), "extra_mod.py", "");
  }

  @Test
  void treeGraphAsJsonHasModulesEdgesCyclesUnresolvedAndPth() throws Exception {
    CliRun r = CliRun.of("graph", src.resolve("shop").toString(), "--root", site.toString(),
        "--format", "json");
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("schema").asString()).isEqualTo("coldstart.graph/1");
    assertThat(j.path("roots").get(0).asString()).isEqualTo(src.toString());
    assertThat(j.path("modules").findValuesAsString("name"))
        .contains("shop", "shop.cart", "shop.money", "shop.tools", "shop.tools.deep");
    assertThat(j.path("edges").toString())
        .contains("\"from\":\"shop.cart\",\"to\":\"shop.money\",\"kind\":\"import\",\"line\":1");
    assertThat(j.path("cycles").get(0).path("members").toString())
        .isEqualTo("[\"shop.cart\",\"shop.money\"]");
    assertThat(j.path("unresolved").findValuesAsString("module"))
        .containsExactly("missing_dep", "...shop");
    assertThat(j.path("pth").get(0).path("imports").get(0).path("code").asString()).isEqualTo("import hookmod");
    assertThat(j.path("pth").get(0).path("adds").get(0).asString()).isEqualTo(tmp.resolve("extra").toString());
  }

  @Test
  void closureAsTextAndDot() {
    CliRun text = CliRun.of("graph", "--root", src.toString(), "--closure", "shop.tools.deep");
    assertThat(text.exit()).as(text.err()).isEqualTo(0);
    assertThat(text.out()).startsWith("import shop.tools.deep loads 5 modules (static prediction):\n");
    assertThat(text.out()).contains("shop.money  " + src.resolve("shop/money.py"));
    assertThat(text.out()).contains("missing_dep: not found");
    CliRun dot = CliRun.of("graph", "--root", src.toString(), "--closure", "shop", "--format", "dot");
    assertThat(dot.out()).startsWith("digraph closure {").contains("\"shop\" [style=bold];")
        .contains("\"shop.cart\" -> \"shop.money\" [label=\":1\"];");
  }

  /** PEP 810: lazy statements and modules in __lazy_modules__ do not run at import on 3.15+. */
  @Test
  void closureLeavesOutLazyImportsAndSaysHowMany() {
    Path lazy = Trees.write(tmp.resolve("lazy"),
        "app/__init__.py", "__lazy_modules__ = [\"app.heavy\", \"app.listed\"]\n"
            + "from .heavy import H\nimport app.listed\nlazy import app.other\nimport app.util\n",
        "app/heavy.py", "H = 1\n", "app/listed.py", "", "app/other.py", "", "app/util.py", "");
    CliRun r = CliRun.of("graph", "--root", lazy.toString(), "--closure", "app");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("import app loads 2 modules (static prediction):\n")
        .contains("app.util").doesNotContain("app.heavy").doesNotContain("app.other")
        .contains("Left out: 3 lazy import statement(s) (use --include-lazy).");
    CliRun all = CliRun.of("graph", "--root", lazy.toString(), "--closure", "app", "--include-lazy");
    assertThat(all.out()).startsWith("import app loads 5 modules (static prediction):\n")
        .contains("from .heavy import H [lazy: __lazy_modules__]").contains("lazy import app.other [lazy]")
        .doesNotContain("Left out");
    CliRun json = CliRun.of("graph", "--root", lazy.toString(), "--closure", "app", "--include-lazy", "--format", "json");
    assertThat(json.out()).containsPattern("\"to\" ?: ?\"app.heavy\"[^}]*\"lazy\" ?: ?false,\\s*\"lazy_modules\" ?: ?true")
        .containsPattern("\"to\" ?: ?\"app.other\"[^}]*\"lazy\" ?: ?true,\\s*\"lazy_modules\" ?: ?false");
  }

  @Test
  void environmentGraphOfARealInterpreterWritesToAFile() throws Exception {
    Path python = Pythons.require("3.12");
    Path out = tmp.resolve("g.dot");
    CliRun r = CliRun.of("graph", "--python", python.toString(), "--format", "dot", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(java.nio.file.Files.readString(out)).contains("\"json\" -> \"json.decoder\"");
  }

  @Test
  void missingPathsRootsAndModulesAreUsageErrors() {
    CliRun noPath = CliRun.of("graph", tmp.resolve("nope").toString(), "--root", src.toString());
    assertThat(noPath.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noPath.err()).contains("no such file or directory").doesNotContain("Exception");
    CliRun noRoot = CliRun.of("graph", "--root", tmp.resolve("nope").toString());
    assertThat(noRoot.exit()).isEqualTo(ExitCode.USAGE);
    CliRun noModule = CliRun.of("graph", "--root", src.toString(), "--closure", "nosuch");
    assertThat(noModule.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noModule.err()).contains("module nosuch is not found");
    CliRun badFormat = CliRun.of("graph", "--root", src.toString(), "--format", "xml");
    assertThat(badFormat.exit()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void missingInterpreterIsATargetError() {
    CliRun r = CliRun.of("graph", "--python", tmp.resolve("no-python").toString());
    assertThat(r.exit()).isEqualTo(ExitCode.TARGET);
  }

  @Test
  void python2IsNamedNotATraceback() {
    Path py2 = Pythons.pyenv("2.7");
    org.junit.jupiter.api.Assumptions.assumeTrue(py2 != null, "no Python 2.7 here");
    CliRun r = CliRun.of("graph", "--closure", "json", "--python", py2.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.TARGET);
    assertThat(r.err()).contains("is Python 2.7").contains("needs Python 3").doesNotContain("Traceback");
  }

  /** The static why through the same argv users type: `coldstart why MODULE --from X --static`. */
  private static CliRun why(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = "why";
    System.arraycopy(args, 0, argv, 1, args.length);
    if (!java.util.Arrays.asList(args).contains("--static")) {
      argv = java.util.Arrays.copyOf(argv, argv.length + 1);
      argv[argv.length - 1] = "--static";
    }
    return CliRun.of(argv);
  }

  @Test
  void staticWhyShowsEachHopWithFileLineAndStatement() throws Exception {
    CliRun r = why("shop.money", "--from", "shop.tools.deep", "--static", "--root", src.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo(
        "1 shortest chain from shop.tools.deep to shop.money (1 hop):\n\n"
            + "1. shop.tools.deep -> shop.money\n"
            + "   " + src.resolve("shop/tools/deep.py") + ":2  from .. import money\n");
    CliRun fromFile = why("shop.money", "--from", src.resolve("shop/tools/deep.py").toString(),
        "--root", src.toString(), "--format", "json");
    JsonNode j = new ObjectMapper().readTree(fromFile.out());
    assertThat(j.path("from").asString()).isEqualTo("shop.tools.deep");
    assertThat(j.path("chains").get(0).get(0).path("line").asInt()).isEqualTo(2);
    CliRun unknown = why("nosuch", "--from", "shop", "--root", src.toString());
    assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void staticWhyWithoutAChainNamesTheUnresolvedImportsThatMayHideOne() throws Exception {
    Path tree = Trees.write(tmp.resolve("plugins"),
        "app/__init__.py", "",
        "app/main.py", "import app.loader\n",
        "app/loader.py", "import vendor_plugins\nfrom vendor_plugins.extra import hook\nimport json\n",
        "app/target.py", "X = 1\n");
    CliRun r = why("app.target", "--from", "app.main", "--root", tree.toString(), "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("No static import chain from app.main to app.target")
        .contains("A chain may run through an import that did not resolve")
        .contains("vendor_plugins: 2 imports in 1 module (vendor_plugins: not found), first "
            + tree.resolve("app/loader.py") + ":1  import vendor_plugins")
        .contains("`coldstart why app.target --from app.main`")
        .doesNotContain("json");
    JsonNode j = new ObjectMapper().readTree(
        why("app.target", "--from", "app.main", "--root", tree.toString(), "--format", "json").out());
    assertThat(j.path("unresolved").findValuesAsString("module")).containsExactly("vendor_plugins", "vendor_plugins");
  }

  @Test
  void closureWithRootResolvesTheStandardLibraryAndGroupsWhatStaysUnresolved() throws Exception {
    Path tree = Trees.write(tmp.resolve("svc"),
        "svc/__init__.py", "import typing\nimport json\nimport asyncio\n",
        "svc/db.py", "import typing\nimport nosuchlib.core\nimport nosuchlib.extra\nimport nosuchlib\n");
    String py = Pythons.python3().toString();
    CliRun r = CliRun.of("graph", "--closure", "svc.db", "--root", tree.toString(), "--python", py);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("  asyncio  ").contains("  typing  ").contains("  json  ")
        .doesNotContain("(typing: not found)")
        .contains("\nUnresolved imports (")
        .contains("\n  nosuchlib: 3 imports in 1 module (nosuchlib: not found), first " + tree.resolve("svc/db.py")
            + ":2  import nosuchlib.core\n");
    CliRun bare = CliRun.of("graph", "--closure", "svc.db", "--root", tree.toString(), "--python", py, "--no-stdlib");
    assertThat(bare.out())
        .contains("  typing: 2 imports in 2 modules (typing: not found), first " + tree.resolve("svc/db.py") + ":1  import typing")
        .contains("(asyncio: not found)");
  }
}
