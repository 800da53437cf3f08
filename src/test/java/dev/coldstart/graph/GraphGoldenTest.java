package dev.coldstart.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.SearchPath;
import dev.coldstart.layout.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests: a small project written inline, its graph, closure and chains rendered as text and
 * compared whole (temporary paths replaced by {@code <tmp>}).
 */
class GraphGoldenTest {
  @TempDir Path tmp;
  private ModuleLayout layout;

  @BeforeEach
  void project() {
    Path src = Trees.write(tmp.resolve("src"),
        "app/__init__.py", """
            from .core import engine
            from . import util
            from .util import helper
            """,
        "app/core/__init__.py", """
            from .engine import run
            from .. import config
            """,
        "app/core/engine.py", """
            import json
            from ..util import helper
            from ... import toplevel
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from app.heavy import Heavy
            try:
                import optional_dep
            except ImportError:
                optional_dep = None
            def later():
                import app.heavy
            import sys
            if sys.platform == "win32":
                import app.winonly
            def run():
                pass
            """,
        "app/config.py", "from app import core\n",
        "app/util.py", "import os.path\n\ndef helper():\n    pass\n",
        "app/heavy.py", "",
        "app/winonly.py", "",
        "app/a.py", "import app.b\n",
        "app/b.py", "from app import a\n",
        "lone.py", "from . import x\n");
    Path lib = Trees.write(tmp.resolve("lib"),
        "json/__init__.py", "from .decoder import JSONDecoder\n",
        "json/decoder.py", "import re\n",
        "re.py", "",
        "os.py", "import sys\n",
        "typing.py", "");
    layout = ModuleLayout.of(new SearchPath(List.of(src, lib), List.of(".so"), Set.of("sys"), Set.of()));
  }

  private String normalize(String s) {
    return s.replace(tmp.toString(), "<tmp>");
  }

  @Test
  void treeGraphWithCyclesAndUnresolvedImports() {
    ImportGraph g = GraphBuilder.of(layout, ModuleLayout.of(SearchPath.ofRoots(List.of(tmp.resolve("src")))).modules(), 2);
    String text = GraphText.graph(g, EdgeFilter.IMPORT_TIME, Cycles.of(g, EdgeFilter.IMPORT_TIME));
    assertThat(normalize(text)).isEqualTo("""
        Import graph: 10 modules read, 14 modules in all, 15 import edges, 2 unresolved, 2 cycles
        Left out: 1 function, 1 guarded, 1 type-checking import statement(s) (use --include-function, --include-guarded, --include-type-checking).

        app  <tmp>/src/app/__init__.py
          -> app.core  :1  from .core import engine
          -> app.core.engine  :1  from .core import engine
          -> app.util  :2  from . import util
          -> app.util  :3  from .util import helper
        app.a  <tmp>/src/app/a.py
          -> app.b  :1  import app.b
        app.b  <tmp>/src/app/b.py
          -> app.a  :1  from app import a
        app.config  <tmp>/src/app/config.py
          -> app.core  :1  from app import core
        app.core  <tmp>/src/app/core/__init__.py
          -> app.core.engine  :1  from .engine import run
          -> app.config  :2  from .. import config
        app.core.engine  <tmp>/src/app/core/engine.py
          -> json  :1  import json
          -> app.util  :2  from ..util import helper
          -> typing  :4  from typing import TYPE_CHECKING
          -> sys  :13  import sys
          -> app.winonly  :15  import app.winonly [conditional]
        app.heavy  <tmp>/src/app/heavy.py
        app.util  <tmp>/src/app/util.py
          -> os  :1  import os.path
        app.winonly  <tmp>/src/app/winonly.py
        lone  <tmp>/src/lone.py

        Cycles (2):
          2 modules: app.a, app.b
            app.a -> app.b  <tmp>/src/app/a.py:1  import app.b
            app.b -> app.a  <tmp>/src/app/b.py:1  from app import a
          2 modules: app.config, app.core
            app.config -> app.core  <tmp>/src/app/config.py:1  from app import core
            app.core -> app.config  <tmp>/src/app/core/__init__.py:2  from .. import config

        Unresolved imports (2):
          <tmp>/src/app/core/engine.py:3  from ... import toplevel  (...: relative import beyond the top-level package)
          <tmp>/src/lone.py:1  from . import x  (.: relative import in a module outside any package)
        """);
  }

  @Test
  void closureFollowsModuleLevelEdgesAndParentsAndMarksConditionalOnes() {
    ImportGraph g = GraphBuilder.reachable(layout, List.of("app.util"), EdgeFilter.IMPORT_TIME, 2);
    Closure c = Closure.of(g, "app.util", EdgeFilter.IMPORT_TIME);
    assertThat(normalize(GraphText.closure(g, c))).isEqualTo("""
        import app.util loads 12 modules (static prediction; 1 only on some branches):
          app.util  <tmp>/src/app/util.py
          app  <tmp>/src/app/__init__.py
              <- app.util (parent package runs first)
          os  <tmp>/lib/os.py
              <- app.util:1  import os.path
          app.core  <tmp>/src/app/core/__init__.py
              <- app:1  from .core import engine
          app.core.engine  <tmp>/src/app/core/engine.py
              <- app:1  from .core import engine
          sys  (built-in)
              <- os:1  import sys
          app.config  <tmp>/src/app/config.py
              <- app.core:2  from .. import config
          json  <tmp>/lib/json/__init__.py
              <- app.core.engine:1  import json
          typing  <tmp>/lib/typing.py
              <- app.core.engine:4  from typing import TYPE_CHECKING
          app.winonly (conditional)  <tmp>/src/app/winonly.py
              <- app.core.engine:15  import app.winonly [conditional]
          json.decoder  <tmp>/lib/json/decoder.py
              <- json:1  from .decoder import JSONDecoder
          re  <tmp>/lib/re.py
              <- json.decoder:1  import re

        Unresolved imports (1):
          <tmp>/src/app/core/engine.py:3  from ... import toplevel  (...: relative import beyond the top-level package)

        Left out: 1 function, 1 guarded, 1 type-checking import statement(s) (use --include-function, --include-guarded, --include-type-checking).
        """);
    assertThat(c.modules()).doesNotContain("app.heavy", "app.a", "app.b", "lone");
    assertThat(g.scanned()).as("only reached files are read").doesNotContain("app.a", "app.heavy");
  }

  @Test
  void includeFlagsAddFunctionTypeCheckingAndGuardedEdges() {
    EdgeFilter all = new EdgeFilter(true, true, true, false);
    ImportGraph g = GraphBuilder.reachable(layout, List.of("app.core.engine"), all, 2);
    Closure c = Closure.of(g, "app.core.engine", all);
    assertThat(c.modules()).contains("app.heavy");
    assertThat(c.unresolved()).extracting(Unresolved::module).containsExactly("...", "optional_dep");
    assertThat(c.excluded()).isEmpty();
    EdgeFilter onlyTypeChecking = new EdgeFilter(false, true, false, false);
    ImportGraph g2 = GraphBuilder.reachable(layout, List.of("app.core.engine"), onlyTypeChecking, 2);
    assertThat(Closure.of(g2, "app.core.engine", onlyTypeChecking).reachedBy().get("app.heavy").statement().line())
        .isEqualTo(6);
  }

  @Test
  void staticChainsGiveEveryShortestChainWithFileLineAndStatement() {
    StaticChains.Result r = StaticChains.find(layout, "app.util", "re", EdgeFilter.IMPORT_TIME, 5, 2);
    assertThat(normalize(GraphText.chains(r))).isEqualTo("""
        1 shortest chain from app.util to re (5 hops):

        1. app.util -> app -> app.core.engine -> json -> json.decoder -> re
           app.util -> app  parent package runs first: <tmp>/src/app/__init__.py
           <tmp>/src/app/__init__.py:1  from .core import engine
           <tmp>/src/app/core/engine.py:1  import json
           <tmp>/lib/json/__init__.py:1  from .decoder import JSONDecoder
           <tmp>/lib/json/decoder.py:1  import re
        """);
    StaticChains.Result none = StaticChains.find(layout, "app.util", "app.heavy", EdgeFilter.IMPORT_TIME, 5, 2);
    assertThat(none.chains()).isEmpty();
    assertThat(GraphText.chains(none)).startsWith("No static import chain from app.util to app.heavy");
    StaticChains.Result viaFunction = StaticChains.find(layout, "app.util", "app.heavy", EdgeFilter.ALL, 5, 2);
    assertThat(viaFunction.chains()).hasSize(1);
    assertThat(viaFunction.total()).isEqualTo(1);
  }

  @Test
  void countsAllShortestChainsAndListsUpToTheLimit() {
    Path d = Trees.write(tmp.resolve("diamonds"),
        "s.py", "import a1\nimport a2\n",
        "a1.py", "import b1\nimport b2\n", "a2.py", "import b1\nimport b2\n",
        "b1.py", "import t\n", "b2.py", "import t\n", "t.py", "");
    ModuleLayout l = ModuleLayout.of(SearchPath.ofRoots(List.of(d)));
    StaticChains.Result r = StaticChains.find(l, "s", "t", EdgeFilter.IMPORT_TIME, 3, 1);
    assertThat(r.total()).isEqualTo(4);
    assertThat(r.chains()).hasSize(3);
    assertThat(r.chains().get(0).hops()).extracting(StaticChains.Hop::to).containsExactly("a1", "b1", "t");
  }
}
