package dev.coldstart.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.profile.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden test of the collapsed-stacks export: golden/small.tree.txt (a tree with medians that do
 * not add up, a module imported twice, a repeated root, a name with ; and spaces) must give
 * golden/small.collapsed byte for byte.
 */
class CollapsedStacksGoldenTest {
  @Test
  void smallTreeGivesTheGoldenStacks() throws IOException {
    Profile p = Profiles.of("import app", parse(resource("golden/small.tree.txt")));
    assertThat(CollapsedStacks.render(p)).isEqualTo(resource("golden/small.collapsed"));
  }

  @Test
  void everyLineSplitsIntoFramesAndACount() {
    String out = CollapsedStacks.render(Profiles.synthetic(500, 3));
    long total = 0;
    for (String line : out.lines().toList()) {
      assertThat(line).matches("[^ ;]+(;[^ ;]+)* [1-9][0-9]*");
      total += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }
    // The counts add up to the whole axis the other exports use.
    assertThat(total).isEqualTo(ImportTimeline.totalUs(ImportTimeline.of(Profiles.synthetic(500, 3))));
  }

  /** Rows of "  " * depth + "name self cumulative"; # starts a comment. */
  static List<Profile.TreeNode> parse(String text) {
    List<Row> roots = new ArrayList<>();
    Deque<Row> open = new ArrayDeque<>();
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int depth = (line.length() - line.stripLeading().length()) / 2;
      String[] words = line.strip().split(" ");
      int n = words.length;
      String name = String.join(" ", List.of(words).subList(0, n - 2));
      Row r = new Row(name, Double.parseDouble(words[n - 2]), Double.parseDouble(words[n - 1]), new ArrayList<>());
      while (open.size() > depth) {
        open.pop();
      }
      (open.isEmpty() ? roots : open.peek().kids()).add(r);
      open.push(r);
    }
    return roots.stream().map(Row::node).toList();
  }

  private record Row(String name, double self, double cum, List<Row> kids) {
    Profile.TreeNode node() {
      return new Profile.TreeNode(name, self, cum, false, kids.stream().map(Row::node).toList());
    }
  }

  private static String resource(String name) throws IOException {
    try (var in = CollapsedStacksGoldenTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
