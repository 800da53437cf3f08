package dev.coldstart.report;

import static dev.coldstart.report.Profiles.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.explain.Explainer;
import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.profile.Sampler;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.Target;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "What stands out" names the parent package whose __init__ costs the time, and how much. */
class FindingsTest {
  @TempDir Path tmp;

  private static String parentFinding(Profile p) {
    return Findings.of(p).stream().filter(f -> f.contains("Python runs first")).findFirst().orElseThrow();
  }

  @Test
  void theGrandparentThatPythonRunsFirstIsNamedWithItsOwnShare() throws Exception {
    // import srv.persistence.legacy: srv/__init__.py is the heavy one; -X importtime prints its row
    // inside srv.persistence's, which is nearly empty.
    Path srv = Files.createDirectories(tmp.resolve("srv/persistence"));
    Files.writeString(
        tmp.resolve("srv/__init__.py"),
        "import email.message\nimport decimal\n\nWARM = sum(i * i for i in range(400000))\n");
    Files.writeString(srv.resolve("__init__.py"), "FLAG = True\n");
    Files.writeString(srv.resolve("legacy.py"), "X = 1\n");
    Profile p =
        Explainer.profile(
                new Profiler.Request(
                    Interpreters.probe(Pythons.python3()), new Target.Module("srv.persistence.legacy"), 3, 0,
                    Duration.ofMinutes(1), false, Map.of(), tmp, List.of()),
                Sampler.Listener.NONE)
            .profile();
    String finding = parentFinding(p);
    assertThat(finding)
        .contains("Deferring those imports in srv/__init__.py is what would make")
        .contains("srv/__init__.py ", "srv/persistence/__init__.py ")
        .doesNotContain("which imports srv ")
        .doesNotContain("in srv/persistence/__init__.py is");
    Profile.TreeNode top = p.tree().stream().filter(n -> n.name().equals("srv.persistence.legacy")).findFirst().orElseThrow();
    Profile.TreeNode persistence = top.children().stream().filter(n -> n.name().equals("srv.persistence")).findFirst().orElseThrow();
    Profile.TreeNode root = persistence.children().stream().filter(n -> n.name().equals("srv")).findFirst().orElseThrow();
    // The saving it names is srv's own row, not srv.persistence's (which holds srv's inside it).
    assertThat(finding).contains("(up to " + ProfileText.ms(root.cumulativeMs()) + " ms)");
    assertThat(ProfileText.render(p, new ProfileText.Options(3, 0, 10))).contains(finding);
  }

  @Test
  void eachParentsShareIsItsRowWithoutTheParentsNestedInIt() {
    Profile p =
        Profiles.of(
            "import a.b.c",
            List.of(node("a.b.c", 1, 101, node("a.b", 2, 100, node("a", 8, 98, node("heavy", 90, 90))))));
    assertThat(parentFinding(p))
        .contains("100 ms (99%) is the parent packages' __init__ files")
        .contains("a/__init__.py 98.00 ms, which imports heavy (90.00 ms); a/b/__init__.py 2.00 ms")
        .contains("Deferring those imports in a/__init__.py is what would make `import a.b.c` cheap (up to 98.00 ms).");
    Profile one = Profiles.of("import a.b", List.of(node("a.b", 1, 50, node("a", 9, 49, node("heavy", 40, 40)))));
    assertThat(parentFinding(one))
        .contains("is the parent package a's __init__, which Python runs first and which imports heavy (40.00 ms)")
        .contains("Deferring those imports in a/__init__.py");
  }
}
