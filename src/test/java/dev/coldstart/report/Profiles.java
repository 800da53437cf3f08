package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import dev.coldstart.stats.Estimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Profiles made up for tests: small hand-written trees, and large random ones. */
public final class Profiles {
  private Profiles() {}

  /** A tree node with times in ms. */
  public static Profile.TreeNode node(String name, double self, double cum, Profile.TreeNode... kids) {
    return new Profile.TreeNode(name, self, cum, false, List.of(kids));
  }

  /** An estimate with an interval of +-10 % (low) / +20 % (high) around the median. */
  public static Estimate est(double median) {
    return new Estimate(median, median * 0.9, median * 1.2, 0.95, 10);
  }

  public static Estimate est(double median, double low, double high) {
    return new Estimate(median, low, high, 0.95, 10);
  }

  public static Profile.ModuleStat module(String name, double self, double cum, String file) {
    return new Profile.ModuleStat(name, est(self), est(cum), 10, file, false, false, false, 0);
  }

  /**
   * A profile over the given tree; one module entry per distinct name, with the times of its first
   * tree position and a made-up file.
   */
  public static Profile of(String target, List<Profile.TreeNode> tree) {
    Map<String, Profile.ModuleStat> mods = new LinkedHashMap<>();
    collect(tree, 0, mods);
    List<Profile.ModuleStat> list = new ArrayList<>(mods.values());
    list.sort((a, b) -> Double.compare(b.cumulativeMs().median(), a.cumulativeMs().median()));
    return of(target, tree, list, null);
  }

  public static Profile of(String target, List<Profile.TreeNode> tree, List<Profile.ModuleStat> modules, Profile.RunSamples samples) {
    double imports = tree.stream().mapToDouble(Profile.TreeNode::cumulativeMs).sum();
    return new Profile(
        Profile.SCHEMA,
        target,
        new Profile.PythonInfo("/usr/bin/python3", "3.11.2", "CPython", false),
        new Profile.MachineInfo("Linux test", "amd64", 2, "25"),
        "2026-01-01T00:00:00Z",
        10,
        1,
        List.of(),
        est(imports + 20),
        est(20),
        null,
        est(imports),
        est(5),
        modules.size(),
        3,
        modules,
        tree,
        List.of(),
        null,
        null,
        samples,
        null,
        null,
        null,
        null);
  }

  /**
   * A copy with some parts replaced; the one other place tests call the record's constructor, so a
   * new Profile component means one edit here.
   */
  public static Profile copy(
      Profile p, Estimate wall, List<Profile.ModuleStat> modules, List<String> notes, Profile.RunSamples samples) {
    return new Profile(
        p.schema(), p.target(), p.python(), p.machine(), p.startedAt(), p.runs(), p.warmup(), p.constraints(),
        wall, p.bareWallMs(), p.aboveBareMs(), p.importMs(), p.bareImportMs(), p.moduleCount(),
        p.bareModuleCount(), modules, p.tree(), notes, p.stoppedBy(), p.opportunities(), samples,
        p.loaded(), p.lazyImports(), p.lazyAll(), p.bodies());
  }

  private static void collect(List<Profile.TreeNode> nodes, int depth, Map<String, Profile.ModuleStat> out) {
    for (Profile.TreeNode n : nodes) {
      out.computeIfAbsent(
          n.name(),
          k ->
              new Profile.ModuleStat(
                  k,
                  est(n.selfMs()),
                  est(n.cumulativeMs()),
                  10,
                  "/srv/app/" + k.replace('.', '/') + ".py",
                  k.endsWith("_ext"),
                  false,
                  false,
                  depth));
      collect(n.children(), depth + 1, out);
    }
  }

  /**
   * A random import tree of {@code count} distinct modules (each attached under a random earlier
   * one, favouring recent ones, so the tree is both deep and bushy), with consistent times: a
   * node's cumulative time is its self time plus its children's.
   */
  public static Profile synthetic(int count, long seed) {
    Random r = new Random(seed);
    List<List<Integer>> kids = new ArrayList<>();
    List<Integer> roots = new ArrayList<>();
    double[] self = new double[count];
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      kids.add(new ArrayList<>());
      self[i] = Math.exp(r.nextGaussian() * 1.5 - 2.5); // ms; median 0.08, long tail
      names[i] = "pkg" + (i % 37) + ".sub" + (i / 37) + ".mod" + i;
      if (i < 5 || r.nextInt(50) == 0) {
        roots.add(i);
      } else {
        int parent = Math.max(0, i - 1 - (int) Math.abs(r.nextGaussian() * Math.min(i, 60)));
        kids.get(parent).add(i);
      }
    }
    List<Profile.TreeNode> tree = new ArrayList<>();
    for (int root : roots) {
      tree.add(build(root, kids, self, names));
    }
    return of("import synthetic", tree);
  }

  private static Profile.TreeNode build(int i, List<List<Integer>> kids, double[] self, String[] names) {
    List<Profile.TreeNode> children = new ArrayList<>();
    double cum = self[i];
    for (int k : kids.get(i)) {
      Profile.TreeNode c = build(k, kids, self, names);
      children.add(c);
      cum += c.cumulativeMs();
    }
    return new Profile.TreeNode(names[i], self[i], cum, false, List.copyOf(children));
  }
}
