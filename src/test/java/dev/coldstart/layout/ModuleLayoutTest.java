package dev.coldstart.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleLayoutTest {
  private static final List<String> CPYTHON_311 =
      List.of(".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so");

  @TempDir Path tmp;

  private ModuleLayout layout(Path... roots) {
    return ModuleLayout.of(SearchPath.ofRoots(List.of(roots)));
  }

  private ModuleLayout cpython311(Set<String> builtins, Path... roots) {
    return ModuleLayout.of(new SearchPath(List.of(roots), CPYTHON_311, builtins, Set.of()));
  }

  private PythonModule find(ModuleLayout l, String name) {
    return l.find(name).orElseThrow(() -> new AssertionError(name + " not found"));
  }

  @Test
  void namespacePackageSpansPortionsInSeveralRoots() {
    Path a = Trees.write(tmp.resolve("a"), "ns/one.py", "", "ns/deep/x.py", "");
    Path b = Trees.write(tmp.resolve("b"), "ns/two.py", "", "ns/deep/y.py", "");
    ModuleLayout l = layout(a, b);
    PythonModule ns = find(l, "ns");
    assertThat(ns.kind()).isEqualTo(ModuleKind.NAMESPACE);
    assertThat(ns.searchLocations()).containsExactly(a.resolve("ns"), b.resolve("ns"));
    assertThat(find(l, "ns.one").file()).isEqualTo(a.resolve("ns/one.py"));
    assertThat(find(l, "ns.two").file()).isEqualTo(b.resolve("ns/two.py"));
    assertThat(find(l, "ns.deep").searchLocations()).hasSize(2);
    assertThat(find(l, "ns.deep.y").file()).isEqualTo(b.resolve("ns/deep/y.py"));
    assertThat(l.find("ns.three")).isEmpty();
  }

  @Test
  void regularPackageInALaterRootWinsOverEarlierNamespacePortions() {
    Path a = Trees.write(tmp.resolve("a"), "pkg/stray.py", "");
    Path b = Trees.write(tmp.resolve("b"), "pkg/__init__.py", "", "pkg/real.py", "");
    ModuleLayout l = layout(a, b);
    assertThat(find(l, "pkg").kind()).isEqualTo(ModuleKind.SOURCE);
    assertThat(find(l, "pkg").searchLocations()).containsExactly(b.resolve("pkg"));
    assertThat(l.find("pkg.stray")).isEmpty();
    assertThat(l.find("pkg.real")).isPresent();
  }

  @Test
  void firstRootWinsAndShadowedFilesAreNotListed() {
    Path a = Trees.write(tmp.resolve("a"), "mod.py", "", "pkg/__init__.py", "");
    Path b = Trees.write(tmp.resolve("b"), "mod.py", "", "pkg.py", "", "other.py", "");
    ModuleLayout l = layout(a, b);
    assertThat(find(l, "mod").file()).isEqualTo(a.resolve("mod.py"));
    // In one directory a package beats a module of the same name; across roots the first wins.
    assertThat(find(l, "pkg").file()).isEqualTo(a.resolve("pkg/__init__.py"));
    assertThat(l.modules()).extracting(PythonModule::name).containsExactly("mod", "other", "pkg");
  }

  @Test
  void packageBeatsModuleOfTheSameNameInOneDirectory() {
    Path a = Trees.write(tmp.resolve("a"), "dup.py", "", "dup/__init__.py", "");
    assertThat(find(layout(a), "dup").file()).isEqualTo(a.resolve("dup/__init__.py"));
  }

  @Test
  void extensionModulesWithAbiTagsAreFoundBeforeSource() {
    Path a = Trees.write(tmp.resolve("a"),
        "fast.cpython-311-x86_64-linux-gnu.so", "",
        "fast.py", "",
        "stable.abi3.so", "",
        "plain.so", "",
        "old.cpython-310-x86_64-linux-gnu.so", "",
        "pkg/__init__.py", "",
        "pkg/_speedups.cpython-311-x86_64-linux-gnu.so", "",
        "cpkg/__init__.cpython-311-x86_64-linux-gnu.so", "");
    ModuleLayout l = cpython311(Set.of(), a);
    assertThat(find(l, "fast").kind()).isEqualTo(ModuleKind.EXTENSION);
    assertThat(find(l, "fast").file().getFileName().toString())
        .isEqualTo("fast.cpython-311-x86_64-linux-gnu.so");
    assertThat(find(l, "stable").kind()).isEqualTo(ModuleKind.EXTENSION);
    assertThat(find(l, "plain").kind()).isEqualTo(ModuleKind.EXTENSION);
    assertThat(l.find("old")).as("a 3.10 extension does not load in 3.11").isEmpty();
    assertThat(find(l, "pkg._speedups").kind()).isEqualTo(ModuleKind.EXTENSION);
    assertThat(find(l, "cpkg").kind()).isEqualTo(ModuleKind.EXTENSION);
    assertThat(find(l, "cpkg").isPackage()).isTrue();
    // Without an interpreter any tag counts.
    assertThat(find(layout(a), "old").kind()).isEqualTo(ModuleKind.EXTENSION);
    assertThat(find(layout(a), "fast").kind()).isEqualTo(ModuleKind.EXTENSION);
  }

  @Test
  void windowsExtensionsCountWhenTheInterpreterIsUnknown() {
    Path a = Trees.write(tmp.resolve("a"), "win.cp311-win_amd64.pyd", "", "bare.pyd", "");
    assertThat(find(layout(a), "win").kind()).isEqualTo(ModuleKind.EXTENSION);
    assertThat(find(layout(a), "bare").kind()).isEqualTo(ModuleKind.EXTENSION);
  }

  @Test
  void stubsNeverLoadButAreRecorded() {
    Path a = Trees.write(tmp.resolve("a"),
        "typed.py", "", "typed.pyi", "",
        "onlystub.pyi", "",
        "pkg/__init__.py", "", "pkg/__init__.pyi", "", "pkg/ghost.pyi", "",
        "lib-stubs/__init__.pyi", "");
    ModuleLayout l = layout(a);
    assertThat(find(l, "typed").stub()).isEqualTo(a.resolve("typed.pyi"));
    assertThat(find(l, "pkg").stub()).isEqualTo(a.resolve("pkg/__init__.pyi"));
    assertThat(l.find("onlystub")).isEmpty();
    assertThat(l.find("pkg.ghost")).isEmpty();
    assertThat(l.stubOnly())
        .containsExactlyInAnyOrder(
            new ModuleLayout.Stub("onlystub", a.resolve("onlystub.pyi")),
            new ModuleLayout.Stub("lib", a.resolve("lib-stubs")),
            new ModuleLayout.Stub("pkg.ghost", a.resolve("pkg/ghost.pyi")));
  }

  @Test
  void builtinsWinOverFilesAndSourcelessBytecodeLoads() {
    Path a = Trees.write(tmp.resolve("a"), "time.py", "", "compiled.pyc", "");
    ModuleLayout l = cpython311(Set.of("time", "sys"), a);
    assertThat(find(l, "time").kind()).isEqualTo(ModuleKind.BUILTIN);
    assertThat(find(l, "sys").kind()).isEqualTo(ModuleKind.BUILTIN);
    assertThat(find(l, "compiled").kind()).isEqualTo(ModuleKind.BYTECODE);
  }

  @Test
  void namesThatAreNotIdentifiersAreNotModules() {
    Path a = Trees.write(tmp.resolve("a"),
        "foo-1.0.dist-info/METADATA", "", "my-script.py", "", "__pycache__/x.cpython-311.pyc", "",
        "ok.py", "");
    assertThat(layout(a).modules()).extracting(PythonModule::name).containsExactly("ok");
  }

  @Test
  void legacyNamespacePackagesExtendTheirPath() {
    String init = "__path__ = __import__('pkgutil').extend_path(__path__, __name__)\n";
    Path a = Trees.write(tmp.resolve("a"), "corp/__init__.py", init, "corp/a.py", "");
    Path b = Trees.write(tmp.resolve("b"), "corp/__init__.py", init, "corp/b.py", "");
    ModuleLayout l = layout(a, b);
    assertThat(find(l, "corp").file()).isEqualTo(a.resolve("corp/__init__.py"));
    assertThat(find(l, "corp.b").file()).isEqualTo(b.resolve("corp/b.py"));
  }

  @Test
  void relativeImportsResolveLikeImportlib() {
    assertThat(ModuleLayout.resolveRelative("a.b.c", false, 1, "d")).hasValue("a.b.d");
    assertThat(ModuleLayout.resolveRelative("a.b.c", false, 2, "d")).hasValue("a.d");
    assertThat(ModuleLayout.resolveRelative("a.b.c", false, 3, null)).isEmpty();
    assertThat(ModuleLayout.resolveRelative("a.b", true, 1, null)).hasValue("a.b");
    assertThat(ModuleLayout.resolveRelative("a.b", true, 2, "x.y")).hasValue("a.x.y");
    assertThat(ModuleLayout.resolveRelative("a.b", true, 3, "x")).isEmpty();
    assertThat(ModuleLayout.resolveRelative("top", false, 1, "x")).isEmpty();
    assertThat(ModuleLayout.resolveRelative("top", true, 1, "x")).hasValue("top.x");
  }

  @Test
  void pthFilesAddPathsAfterTheirSiteDirAndReportImportLines() throws Exception {
    Path site = Trees.write(tmp.resolve("lib/site-packages"),
        "b.pth", "# comment\n\nextra\n/no/such/dir\nimport hook; hook.install()\nimport\tother, third\n",
        "a.pth", "../vendored\n",
        ".hidden.pth", "import never\n",
        "extra/ext_mod.py", "",
        "sitemod.py", "");
    Path vendored = Trees.write(tmp.resolve("lib/vendored"), "vend.py", "");
    Path later = Trees.write(tmp.resolve("later"), "late.py", "", "vend.py", "");
    ModuleLayout l = layout(site, later);
    assertThat(l.roots()).containsExactly(site, vendored, site.resolve("extra"), later);
    assertThat(l.pthFiles()).extracting(f -> f.file().getFileName().toString())
        .containsExactly("a.pth", "b.pth");
    PthFile b = l.pthFiles().get(1);
    assertThat(b.addedPaths()).containsExactly(site.resolve("extra"));
    assertThat(b.missingPaths()).containsExactly("/no/such/dir");
    assertThat(b.imports())
        .containsExactly(
            new PthFile.Code(5, "import hook; hook.install()", List.of("hook")),
            new PthFile.Code(6, "import\tother, third", List.of("other", "third")));
    assertThat(find(l, "vend").file()).isEqualTo(vendored.resolve("vend.py"));
    assertThat(find(l, "ext_mod").file()).isEqualTo(site.resolve("extra/ext_mod.py"));
  }

  @Test
  void pthFilesAreOnlyReadInSiteDirectories() {
    Path notSite = Trees.write(tmp.resolve("src"), "x.pth", "import y\n");
    assertThat(layout(notSite).pthFiles()).isEmpty();
  }
}
