package dev.coldstart.limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits through the cgroup v1 {@code cpu} and {@code memory} hierarchies: a fresh child of this
 * process's own group in each (so the limits nest inside whatever already limits coldstart), with
 * {@code cpu.cfs_quota_us} / {@code cpu.cfs_period_us} = percent / 100 and {@code
 * memory.limit_in_bytes} (plus {@code memory.memsw.limit_in_bytes} when swap accounting exists,
 * else {@code memory.swappiness = 0}, so the limit cannot be dodged by swapping). OOM kills are
 * counted by the {@code oom_kill} line of {@code memory.oom_control} (Linux 4.13+).
 */
final class CgroupV1 implements Cgroup {
  static final long PERIOD_US = 100_000;

  private final Path cpuDir;
  private final Path memoryDir;

  private CgroupV1(Path cpuDir, Path memoryDir) {
    this.cpuDir = cpuDir;
    this.memoryDir = memoryDir;
  }

  /** Creates the groups; throws with the reason when this way does not work here. */
  static CgroupV1 create(LimitSpec spec, String procCgroup, List<CgroupFiles.Mount> mounts) throws IOException {
    Path cpu = null;
    Path mem = null;
    try {
      if (spec.cpuPercent() > 0) {
        cpu = CgroupFiles.createChild(parentOf("cpu", procCgroup, mounts));
        CgroupFiles.write(cpu.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
        CgroupFiles.write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quotaUs(spec.cpuPercent())));
      }
      if (spec.memoryBytes() > 0) {
        mem = CgroupFiles.createChild(parentOf("memory", procCgroup, mounts));
        CgroupFiles.write(mem.resolve("memory.limit_in_bytes"), Long.toString(spec.memoryBytes()));
        Path memsw = mem.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
          CgroupFiles.write(memsw, Long.toString(spec.memoryBytes()));
        } else {
          CgroupFiles.write(mem.resolve("memory.swappiness"), "0");
        }
      }
      return new CgroupV1(cpu, mem);
    } catch (IOException | RuntimeException e) {
      if (cpu != null) {
        CgroupFiles.remove(cpu);
      }
      if (mem != null) {
        CgroupFiles.remove(mem);
      }
      throw e;
    }
  }

  /** The CFS quota for a share of one CPU; at least the kernel's 1 ms minimum. */
  static long quotaUs(double percent) {
    return Math.max(1000, Math.round(PERIOD_US * percent / 100.0));
  }

  private static Path parentOf(String controller, String procCgroup, List<CgroupFiles.Mount> mounts)
      throws IOException {
    CgroupFiles.Mount m =
        mounts.stream()
            .filter(x -> !x.v2() && x.controllers().contains(controller))
            .findFirst()
            .orElseThrow(() -> new IOException("no cgroup v1 hierarchy with the " + controller + " controller is mounted"));
    String path = CgroupFiles.v1Path(procCgroup, controller).orElse("/");
    Path dir = CgroupFiles.groupDir(m.dir(), path);
    if (!Files.isWritable(dir)) {
      throw new IOException(dir + " is not writable (run as root, or delegate it to this user)");
    }
    return dir;
  }

  @Override
  public List<String> wrap(List<String> command) {
    List<Path> procs = new ArrayList<>();
    if (cpuDir != null) {
      procs.add(cpuDir.resolve("cgroup.procs"));
    }
    if (memoryDir != null) {
      procs.add(memoryDir.resolve("cgroup.procs"));
    }
    return Cgroup.joinThenExec(procs, command);
  }

  @Override
  public long oomKills() {
    return memoryDir == null ? -1 : CgroupFiles.keyed(memoryDir.resolve("memory.oom_control"), "oom_kill");
  }

  @Override
  public String describe() {
    List<String> dirs = new ArrayList<>();
    if (cpuDir != null) {
      dirs.add(cpuDir.toString());
    }
    if (memoryDir != null) {
      dirs.add(memoryDir.toString());
    }
    return "cgroup v1 " + String.join(", ", dirs);
  }

  @Override
  public void close() {
    if (cpuDir != null) {
      CgroupFiles.remove(cpuDir);
    }
    if (memoryDir != null) {
      CgroupFiles.remove(memoryDir);
    }
  }
}
