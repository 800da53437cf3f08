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
   * which Python runs first, and which of them. Read off the representative tree, where each
   * parent's row nests inside its child's: {@code import a.b.c} prints {@code a} inside {@code
   * a.b} inside {@code a.b.c}, although {@code a/__init__.py} runs first and {@code a.b} does not
   * import {@code a}. So a parent's own share is its row minus the rows of its own parents nested
   * in it, and the file to change is the parent with the largest share.
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
    List<Profile.TreeNode> parents = new ArrayList<>(); // innermost first: a.b, then a
    for (Profile.TreeNode row = parentRow(top); row != null; row = parentRow(row)) {
      parents.add(row);
    }
    if (parents.isEmpty() || parents.get(0).cumulativeMs() < 0.5 * top.cumulativeMs()) {
      return java.util.Optional.empty();
    }
    double allParents = parents.get(0).cumulativeMs();
    java.util.Collections.reverse(parents); // outermost first: a, then a.b, the order Python runs them
    double[] share = new double[parents.size()];
    int heaviest = 0;
    for (int i = 0; i < parents.size(); i++) {
      share[i] = parents.get(i).cumulativeMs() - (i == 0 ? 0 : parents.get(i - 1).cumulativeMs());
      if (share[i] > share[heaviest]) {
        heaviest = i;
      }
    }
    Profile.TreeNode worst = parents.get(heaviest);
    List<String> heavy =
        worst.children().stream()
            .filter(c -> !name.equals(c.name()) && !name.startsWith(c.name() + "."))
            .sorted(Comparator.comparingDouble(Profile.TreeNode::cumulativeMs).reversed())
            .limit(3)
            .map(c -> c.name() + " (" + ProfileText.ms(c.cumulativeMs()) + " ms)")
            .toList();
    String imports = heavy.isEmpty() ? "" : " and which imports " + String.join(", ", heavy);
    String where;
    if (parents.size() == 1) {
      where = "the parent package " + worst.name() + "'s __init__, which Python runs first" + imports;
    } else {
      List<String> each = new ArrayList<>();
      for (int i = 0; i < parents.size(); i++) {
        each.add(initFile(parents.get(i).name()) + " " + ProfileText.ms(share[i]) + " ms"
            + (i == heaviest ? imports.replace(" and which", ", which") : ""));
      }
      where = "the parent packages' __init__ files, which Python runs first, outermost first: "
          + String.join("; ", each);
    }
    return java.util.Optional.of(
        String.format(
            Locale.ROOT,
            "`%s` costs %s ms, but the module itself takes %s ms: %s ms (%.0f%%) is %s. Deferring"
                + " those imports in %s is what would make `import %s` cheap (up to %s ms).",
            p.target(),
            ProfileText.ms(top.cumulativeMs()),
            ProfileText.ms(ownSelf(top, name)),
            ProfileText.ms(allParents),
            100 * allParents / top.cumulativeMs(),
            where,
            initFile(worst.name()),
            name,
            ProfileText.ms(share[heaviest])));
  }

  /** The row of {@code row}'s parent package nested in it, the largest if several, or null. */
  private static Profile.TreeNode parentRow(Profile.TreeNode row) {
    return row.children().stream()
        .filter(c -> row.name().startsWith(c.name() + "."))
        .max(Comparator.comparingDouble(Profile.TreeNode::cumulativeMs))
        .orElse(null);
  }

  private static String initFile(String pkg) {
    return pkg.replace('.', '/') + "/__init__.py";
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
