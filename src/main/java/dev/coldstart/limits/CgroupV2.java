package dev.coldstart.limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits through a delegated cgroup v2 subtree: a fresh child of this process's group with {@code
 * cpu.max = "QUOTA PERIOD"}, {@code memory.max} and {@code memory.swap.max = 0}. The controllers
 * must be enabled for children ({@code cgroup.subtree_control}); this tries to enable them, which
 * the kernel refuses when the group itself holds processes (the "no internal processes" rule):
 * then run coldstart from a delegated group whose parent has them enabled, or use systemd-run.
 * OOM kills are counted by the {@code oom_kill} line of {@code memory.events}.
 */
final class CgroupV2 implements Cgroup {
  private final Path dir;

  private CgroupV2(Path dir) {
    this.dir = dir;
  }

  static CgroupV2 create(LimitSpec spec, String procCgroup, List<CgroupFiles.Mount> mounts) throws IOException {
    CgroupFiles.Mount m =
        mounts.stream().filter(CgroupFiles.Mount::v2).findFirst()
            .orElseThrow(() -> new IOException("no cgroup v2 hierarchy is mounted"));
    String path = CgroupFiles.v2Path(procCgroup).orElseThrow(() -> new IOException("this process has no cgroup v2 group"));
    Path parent = CgroupFiles.groupDir(m.dir(), path);
    List<String> needed = new ArrayList<>();
    if (spec.cpuPercent() > 0) {
      needed.add("cpu");
    }
    if (spec.memoryBytes() > 0) {
      needed.add("memory");
    }
    List<String> available = List.of(readOr(parent.resolve("cgroup.controllers"), "").split("\\s+"));
    for (String c : needed) {
      if (!available.contains(c)) {
        throw new IOException("the " + c + " controller is not available in " + parent + " (cgroup.controllers: '"
            + String.join(" ", available).strip() + "')");
      }
    }
    List<String> enabled = List.of(readOr(parent.resolve("cgroup.subtree_control"), "").split("\\s+"));
    for (String c : needed) {
      if (!enabled.contains(c)) {
        try {
          CgroupFiles.write(parent.resolve("cgroup.subtree_control"), "+" + c);
        } catch (IOException e) {
          throw new IOException("cannot enable the " + c + " controller for children of " + parent + ": "
              + e.getMessage() + " (a v2 group holding processes cannot have limited children)");
        }
      }
    }
    Path dir = CgroupFiles.createChild(parent);
    try {
      if (spec.cpuPercent() > 0) {
        CgroupFiles.write(dir.resolve("cpu.max"), CgroupV1.quotaUs(spec.cpuPercent()) + " " + CgroupV1.PERIOD_US);
      }
      if (spec.memoryBytes() > 0) {
        CgroupFiles.write(dir.resolve("memory.max"), Long.toString(spec.memoryBytes()));
        Path swap = dir.resolve("memory.swap.max");
        if (Files.exists(swap)) {
          CgroupFiles.write(swap, "0");
        }
      }
      return new CgroupV2(dir);
    } catch (IOException | RuntimeException e) {
      CgroupFiles.remove(dir);
      throw e;
    }
  }

  private static String readOr(Path p, String dflt) {
    try {
      return CgroupFiles.read(p);
    } catch (IOException e) {
      return dflt;
    }
  }

  @Override
  public List<String> wrap(List<String> command) {
    return Cgroup.joinThenExec(List.of(dir.resolve("cgroup.procs")), command);
  }

  @Override
  public long oomKills() {
    return CgroupFiles.keyed(dir.resolve("memory.events"), "oom_kill");
  }

  @Override
  public String describe() {
    return "cgroup v2 " + dir;
  }

  @Override
  public void close() {
    CgroupFiles.remove(dir);
  }
}
