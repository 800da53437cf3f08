package dev.coldstart.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which deferrals change the order an import cycle is entered in (the static graph, no Python). */
class LoadOrderTest {
  @TempDir Path temp;

  private void tree(Map<String, String> files) throws Exception {
    for (var e : files.entrySet()) {
      Path p = temp.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
  }

  @Test
  void aStatementThatLoadsACycleMemberIsUnsafeUnlessAnEagerLineAboveLoadedIt() throws Exception {
    tree(Map.of(
        "cyc/__init__.py", "from .x import X\nfrom .w import W\nfrom .v import V\n",
        "cyc/x.py", "from .z import Z\nX = Z\n",
        "cyc/z.py", "Z = 1\nfrom .y import y\n",
        "cyc/y.py", "from .z import Z\ndef y():\n    return Z\n",
        "cyc/w.py", "from .x import X\nW = X\n",
        "cyc/v.py", "V = 1\n",
        "cyc/tests/__init__.py", "",
        "cyc/tests/test_v.py", "from cyc import V\n"));
    LoadOrder order = new LoadOrder(temp, List.of("cyc"));
    assertThat(order.cycleProblem("cyc", 1, List.of()))
        .contains("import cycle cyc.y -> cyc.z -> cyc.y (through cyc.z)");
    // w reaches the cycle through x; with line 1 eager above it, the cycle is loaded already.
    assertThat(order.cycleProblem("cyc", 2, List.of())).contains("cyc.y -> cyc.z -> cyc.y");
    assertThat(order.cycleProblem("cyc", 2, List.of(1))).isNull();
    // v is no cycle member; the test module that imports V back is never loaded with cyc.
    assertThat(order.cycleProblem("cyc", 3, List.of())).isNull();
  }

  @Test
  void cyclesThroughThePackageItselfDoNotCount() throws Exception {
    tree(Map.of(
        "srv/__init__.py", "",
        "srv/versioning.py", "from srv.errs import ErrorDetails\n",
        "srv/errs/__init__.py", "from .responses import ErrorDetails\nfrom .handlers import handlers\n",
        "srv/errs/responses.py", "from srv.errs import helpers\nclass ErrorDetails:\n    pass\n",
        "srv/errs/helpers.py", "",
        "srv/errs/handlers.py", "import srv.versioning\ndef handlers():\n    pass\n"));
    LoadOrder order = new LoadOrder(temp, List.of("srv.errs"));
    assertThat(order.cycleProblem("srv.errs", 1, List.of())).isNull();
  }

  @Test
  void whatTheParentPackageLoadedFirstIsLoadedAlready() throws Exception {
    tree(Map.of(
        "top/__init__.py", "from .a import A\nfrom .sub import S\nfrom .late import L\n",
        "top/a.py", "from .b import B\nA = B\n",
        "top/b.py", "B = 1\nfrom .a import A\n",
        "top/late.py", "from .c import C\nL = C\n",
        "top/c.py", "C = 1\nfrom .late import L\n",
        "top/sub/__init__.py", "from .s import S\nfrom .t import T\n",
        "top/sub/s.py", "from top.a import A\nS = A\n",
        "top/sub/t.py", "from top.late import L\nT = L\n"));
    LoadOrder order = new LoadOrder(temp, List.of("top", "top.sub"));
    // top's line 1 loaded the a/b cycle before line 2 imported top.sub.
    assertThat(order.cycleProblem("top.sub", 1, List.of())).isNull();
    // The late/c cycle is loaded only after top.sub: deferring t changes who enters it.
    assertThat(order.cycleProblem("top.sub", 2, List.of())).contains("top.c -> top.late -> top.c");
  }
}
