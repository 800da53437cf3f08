package dev.coldstart.limits;

import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a {@link Cgroup} for a CPU and memory limit: tries cgroup v1, a delegated cgroup v2
 * subtree, then systemd-run, and keeps the first that works. When none does, the profile must not
 * run unconstrained: it fails with exit 2 and every way's reason.
 */
final class Cgroups {
  private Cgroups() {}

  static Cgroup open(LimitSpec spec) {
    String procCgroup;
    List<CgroupFiles.Mount> mounts;
    try {
      procCgroup = Files.readString(CgroupFiles.PROC_CGROUP);
      mounts = CgroupFiles.mounts(Files.readString(CgroupFiles.PROC_MOUNTS));
    } catch (IOException e) {
      procCgroup = "";
      mounts = List.of();
    }
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
    try {
      return SystemdScope.create(spec);
    } catch (IOException | RuntimeException e) {
      reasons.add("systemd-run: " + e.getMessage());
    }
    throw UserError.usage(
        "cannot enforce " + String.join(" and ", spec.describe().stream().filter(s -> s.startsWith("cpu") || s.startsWith("memory")).toList())
            + ": no way to put the runs in a cgroup works here, and coldstart does not measure"
            + " unconstrained when limits were asked for:\n  "
            + String.join("\n  ", reasons));
  }
}
