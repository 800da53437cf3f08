package dev.coldstart.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code cached} rows of {@code -X importtime=2} (CPython 3.14+) are imports of modules already
 * loaded, not modules the run loaded: the real logs of the same program with and without {@code =2}
 * (src/test/resources/importtime, captured by capture.sh) give the same modules and the same tree
 * of timed rows.
 */
class CachedRowsTest {
  private static final Path DIR = Path.of("src/test/resources/importtime");

  @ParameterizedTest
  @ValueSource(strings = {"3.14", "3.15"})
  void cachedRowsAreNotModulesOfTheRun(String version) throws IOException {
    ImportTimeLog plain = ImportTimeLog.parse(Files.readAllBytes(DIR.resolve("shop-" + version + ".log")));
    ImportTimeLog two = ImportTimeLog.parse(Files.readAllBytes(DIR.resolve("cached-" + version + ".log")));
    assertThat(two.roots().stream().flatMap(r -> r.subtree().stream()).filter(ImportTimeLog.Node::cached))
        .as("the =2 log has cached rows")
        .isNotEmpty();
    assertThat(timed(two)).isEqualTo(timed(plain));

    Profile fromPlain = Profiler.fromLog(Files.readAllBytes(DIR.resolve("shop-" + version + ".log")), "plain");
    Profile fromTwo = Profiler.fromLog(Files.readAllBytes(DIR.resolve("cached-" + version + ".log")), "two");
    assertThat(fromTwo.moduleCount()).isEqualTo(fromPlain.moduleCount());
    assertThat(fromTwo.modules().stream().map(Profile.ModuleStat::name).sorted().toList())
        .isEqualTo(fromPlain.modules().stream().map(Profile.ModuleStat::name).sorted().toList());
  }

  /** Each timed row as "parent > module": the forest without its cached rows. */
  private static Set<String> timed(ImportTimeLog log) {
    Set<String> out = new TreeSet<>();
    for (ImportTimeLog.Node root : log.roots()) {
      collect(root, "", out);
    }
    return out;
  }

  private static void collect(ImportTimeLog.Node n, String parent, Set<String> out) {
    if (n.cached()) {
      return;
    }
    out.add(parent + " > " + n.module());
    n.children().forEach(c -> collect(c, n.module(), out));
  }
}
