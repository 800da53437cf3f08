package dev.coldstart.limits;

import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a {@link Cgroup} for a CPU and memory limit: tries cgroup v1, a delegated cgroup v2
 * subtree, then systemd-run, and keeps the first that works. When none does, the profile must not
 * run unconstrained: it fails with exit 2 and every way's reason.
 *
 * <p>{@value #ROOT_PROPERTY} (a system property) or {@code COLDSTART_CGROUP_ROOT} (environment)
 * names another cgroup root, for a container that mounts the cgroup filesystem elsewhere and for
 * tests that need a machine without cgroup access: its subdirectories named after controllers
 * ({@code cpu}, {@code memory}, {@code cpu,cpuacct}) are the v1 hierarchies, a {@code
 * cgroup.controllers} file in it or in its {@code unified} directory marks the v2 one, coldstart's
 * own group is taken to be each hierarchy's root, and systemd-run (which only knows the system's
 * cgroups) is not tried.
 */
final class Cgroups {
  private Cgroups() {}

  static final String ROOT_PROPERTY = "coldstart.cgroup.root";

  /** The cgroup root set by {@value #ROOT_PROPERTY} or COLDSTART_CGROUP_ROOT, or null for the system's. */
  static Path root() {
    String r = System.getProperty(ROOT_PROPERTY);
    if (r == null || r.isBlank()) {
      r = System.getenv("COLDSTART_CGROUP_ROOT");
    }
    return r == null || r.isBlank() ? null : Path.of(r);
  }

  static Cgroup open(LimitSpec spec) {
    Path root = root();
    if (root != null) {
      return open(spec, "0::/", mountsUnder(root), false, " under the cgroup root " + root + " (" + ROOT_PROPERTY + ")");
    }
    String procCgroup;
    List<CgroupFiles.Mount> mounts;
    try {
      procCgroup = Files.readString(CgroupFiles.PROC_CGROUP);
      mounts = CgroupFiles.mounts(Files.readString(CgroupFiles.PROC_MOUNTS));
    } catch (IOException e) {
      procCgroup = "";
      mounts = List.of();
    }
    return open(spec, procCgroup, mounts, true, "");
  }

  private static Cgroup open(
      LimitSpec spec, String procCgroup, List<CgroupFiles.Mount> mounts, boolean trySystemd, String where) {
    List<String> reasons = new ArrayList<>();
    try {
      return CgroupV1.create(spec, procCgroup, mounts);
    } catch (IOException | RuntimeException e) {
      reasons.add("cgroup v1: " + e.getMessage());
    }
    try {
      return CgroupV2.create(spec, procCgroup, mounts);
    } catch (IOException | RuntimeException e) {
      reasons.add("cgroup v2: " + e.getMessage());
    }
    if (trySystemd) {
      try {
        return SystemdScope.create(spec);
      } catch (IOException | RuntimeException e) {
        reasons.add("systemd-run: " + e.getMessage());
      }
    } else {
      reasons.add("systemd-run: not tried" + where);
    }
    throw UserError.usage(
        "cannot enforce " + String.join(" and ", spec.describe().stream().filter(s -> s.startsWith("cpu") || s.startsWith("memory")).toList())
            + ": no way to put the runs in a cgroup works here" + where + ", and coldstart does not measure"
            + " unconstrained when limits were asked for (--limits best-effort measures without them and says so):\n  "
            + String.join("\n  ", reasons));
  }

  /** The hierarchies under a cgroup root given by hand (see the class comment). */
  static List<CgroupFiles.Mount> mountsUnder(Path root) {
    List<CgroupFiles.Mount> out = new ArrayList<>();
    for (Path v2 : List.of(root, root.resolve("unified"))) {
      if (Files.isRegularFile(v2.resolve("cgroup.controllers"))) {
        out.add(new CgroupFiles.Mount(v2, true, List.of()));
      }
    }
    try (var dirs = Files.list(root)) {
      for (Path d : dirs.sorted().toList()) {
        if (Files.isDirectory(d) && !d.getFileName().toString().equals("unified")) {
          out.add(new CgroupFiles.Mount(d, false, List.of(d.getFileName().toString().split(","))));
        }
      }
    } catch (IOException e) {
      // No such root, or not listable: no hierarchies, and the reasons say which controller is missing.
    }
    return out;
  }
}
