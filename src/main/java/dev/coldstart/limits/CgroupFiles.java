package dev.coldstart.limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading the cgroup layout of this process: which hierarchy is mounted where
 * ({@code /proc/self/mounts}) and where this process sits in each ({@code /proc/self/cgroup}); and
 * the small file operations on cgroup directories. The parsers are pure so they can be tested on
 * text from other machines.
 */
final class CgroupFiles {
  static final Path PROC_CGROUP = Path.of("/proc/self/cgroup");
  static final Path PROC_MOUNTS = Path.of("/proc/self/mounts");

  private CgroupFiles() {}

  /** A mounted cgroup hierarchy: v1 with its controllers, or v2 (controllers empty). */
  record Mount(Path dir, boolean v2, List<String> controllers) {}

  /** Cgroup mounts from {@code /proc/self/mounts} text. */
  static List<Mount> mounts(String text) {
    List<Mount> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.split(" ");
      if (f.length < 4) {
        continue;
      }
      String dir = f[1].replace("\\040", " ");
      if (f[2].equals("cgroup2")) {
        out.add(new Mount(Path.of(dir), true, List.of()));
      } else if (f[2].equals("cgroup")) {
        List<String> ctl = new ArrayList<>();
        for (String o : f[3].split(",")) {
          if (!o.equals("rw") && !o.equals("ro") && !o.contains("=") && !o.startsWith("no") && !o.equals("relatime")) {
            ctl.add(o);
          }
        }
        out.add(new Mount(Path.of(dir), false, List.copyOf(ctl)));
      }
    }
    return out;
  }

  /** This process's path in the v1 hierarchy holding {@code controller}, from {@code /proc/self/cgroup}. */
  static Optional<String> v1Path(String procCgroup, String controller) {
    for (String line : procCgroup.split("\n")) {
      String[] f = line.split(":", 3);
      if (f.length == 3 && List.of(f[1].split(",")).contains(controller)) {
        return Optional.of(f[2]);
      }
    }
    return Optional.empty();
  }

  /** This process's path in the v2 hierarchy (the {@code 0::} line). */
  static Optional<String> v2Path(String procCgroup) {
    for (String line : procCgroup.split("\n")) {
      if (line.startsWith("0::")) {
        return Optional.of(line.substring(3));
      }
    }
    return Optional.empty();
  }

  /** The directory of this process's group in {@code mount}; the mount root when not visible. */
  static Path groupDir(Path mount, String path) {
    Path dir = mount.resolve(path.replaceFirst("^/+", ""));
    return Files.isDirectory(dir) ? dir : mount;
  }

  static String read(Path p) throws IOException {
    return Files.readString(p).strip();
  }

  static void write(Path p, String value) throws IOException {
    // cgroup files take one write of the whole value; no create, no truncate needed.
    Files.writeString(p, value, java.nio.file.StandardOpenOption.WRITE);
  }

  /** The value of a "key N" line of a flat-keyed file (memory.events, memory.oom_control); -1 if absent. */
  static long keyed(Path p, String key) {
    try {
      for (String line : Files.readAllLines(p)) {
        String[] f = line.strip().split("\\s+");
        if (f.length == 2 && f[0].equals(key)) {
          return Long.parseLong(f[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unknown.
    }
    return -1;
  }

  /** Creates {@code parent/coldstart-PID-N}, after removing such groups left behind by dead processes. */
  static Path createChild(Path parent) throws IOException {
    removeStale(parent);
    long pid = ProcessHandle.current().pid();
    for (int n = 1; ; n++) {
      Path dir = parent.resolve("coldstart-" + pid + "-" + n);
      try {
        Files.createDirectory(dir);
        return dir;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Another profile of this process; take the next number.
      }
    }
  }

  /** Removes empty groups named coldstart-PID-N whose PID is gone (a coldstart killed by a second Ctrl-C). */
  static void removeStale(Path parent) {
    try (var s = Files.list(parent)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith("coldstart-")) {
          continue;
        }
        String[] f = name.split("-");
        try {
          long pid = Long.parseLong(f[1]);
          if (ProcessHandle.of(pid).isEmpty()) {
            remove(p);
          }
        } catch (RuntimeException e) {
          // Not ours.
        }
      }
    } catch (IOException | RuntimeException e) {
      // Nothing to clean, or not listable.
    }
  }

  /**
   * Removes a group directory (rmdir; cgroup files vanish with it). Retries briefly: a killed
   * process may take a few milliseconds to leave. Returns whether it is gone.
   */
  static boolean remove(Path dir) {
    // Keep trying a little even when interrupted: a leftover group is worse than a late exit.
    boolean interrupted = Thread.interrupted();
    try {
      for (int i = 0; i < 50; i++) {
        try {
          Files.deleteIfExists(dir);
          return true;
        } catch (IOException e) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException ie) {
            interrupted = true;
          }
        }
      }
      return !Files.exists(dir);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
