package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The few sentences a newcomer should read first, derived from a profile: whether a module import
 * is mostly its parent packages' {@code __init__} work, the heaviest module bodies, and compiled
 * extensions pulled in. Pure: a profile in, sentences out.
 */
public final class Findings {
  private Findings() {}

  public static List<String> of(Profile p) {
    List<String> out = new ArrayList<>();
    parentPackageCost(p).ifPresent(out::add);
    List<Profile.ModuleStat> own = p.modules().stream().filter(m -> !m.bare()).toList();
    own.stream()
        .max(Comparator.comparingDouble(m -> m.selfMs().median()))
        .filter(m -> p.importMs() != null && m.selfMs().median() >= 0.1 * p.importMs().median())
        .ifPresent(
            m ->
                out.add(
                    String.format(
                        Locale.ROOT,
                        "The heaviest module body is %s: %s ms of its own work at import (%s).",
                        m.name(),
                        ProfileText.ms(m.selfMs().median()),
                        m.file() == null ? "no file" : m.file())));
    long ext = own.stream().filter(Profile.ModuleStat::extension).count();
    if (ext > 0) {
      out.add(
          ext
              + " compiled extension module(s) are loaded beyond the bare interpreter: "
              + String.join(
                  ", ",
                  own.stream().filter(Profile.ModuleStat::extension).map(Profile.ModuleStat::name).limit(6).toList())
              + (ext > 6 ? ", ..." : "")
              + ".");
    }
    return out;
  }

  /**
   * For {@code import a.b.c}: how much of its cost is the parent packages' {@code __init__} files,
   * which Python runs first. Read off the representative tree, where the parents' rows nest inside
   * the target's row.
   */
  private static java.util.Optional<String> parentPackageCost(Profile p) {
    if (p.target() == null || !p.target().startsWith("import ") || !p.target().contains(".")) {
      return java.util.Optional.empty();
    }
    String name = p.target().substring("import ".length()).strip();
    Profile.TreeNode top = p.tree().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    if (top == null || top.cumulativeMs() <= 0) {
      return java.util.Optional.empty();
    }
    Profile.TreeNode parent =
        top.children().stream()
            .filter(c -> name.startsWith(c.name() + "."))
            .max(Comparator.comparingDouble(Profile.TreeNode::cumulativeMs))
            .orElse(null);
    if (parent == null || parent.cumulativeMs() < 0.5 * top.cumulativeMs()) {
      return java.util.Optional.empty();
    }
    double own = ownSelf(top, name);
    List<String> heavy =
        parent.children().stream()
            .filter(c -> !c.name().equals(name))
            .sorted(Comparator.comparingDouble(Profile.TreeNode::cumulativeMs).reversed())
            .limit(3)
            .map(c -> c.name() + " (" + ProfileText.ms(c.cumulativeMs()) + " ms)")
            .toList();
    return java.util.Optional.of(
        String.format(
            Locale.ROOT,
            "`%s` costs %s ms, but the module itself takes %s ms: %s ms (%.0f%%) is the parent package"
                + " %s's __init__, which Python runs first%s. Deferring those imports in %s/__init__.py"
                + " is what would make `import %s` cheap.",
            p.target(),
            ProfileText.ms(top.cumulativeMs()),
            ProfileText.ms(own),
            ProfileText.ms(parent.cumulativeMs()),
            100 * parent.cumulativeMs() / top.cumulativeMs(),
            parent.name(),
            heavy.isEmpty() ? "" : " and which imports " + String.join(", ", heavy),
            parent.name().replace('.', '/'),
            name));
  }

  /** The module's own body time, wherever its row sits (the re-export can load it inside the parent). */
  private static double ownSelf(Profile.TreeNode top, String name) {
    double sum = 0;
    List<Profile.TreeNode> stack = new ArrayList<>(List.of(top));
    while (!stack.isEmpty()) {
      Profile.TreeNode n = stack.remove(stack.size() - 1);
      if (n.name().equals(name)) {
        sum += n.selfMs();
      }
      stack.addAll(n.children());
    }
    return sum;
  }
}
