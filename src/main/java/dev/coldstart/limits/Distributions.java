package dev.coldstart.limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Installed distributions found on sys.path, and which one owns a file. Reads every {@code
 * *.dist-info} directory: {@code METADATA} (Name, Version), {@code WHEEL} ({@code Tag:} lines,
 * {@code Root-Is-Purelib}) and {@code RECORD} (the installed files, with sizes). Costs one read of
 * each RECORD: a few ms for hundreds of distributions. Files of distributions installed without a
 * RECORD (Debian packages' .egg-info, eggs) are not attributed.
 */
final class Distributions {
  /** One installed distribution. */
  record Dist(String name, String version, List<String> tags, boolean purelib, long installedBytes, int files) {
    /** Platform-specific when any wheel tag names an ABI or a platform other than none/any. */
    boolean platformSpecific() {
      for (String t : tags) {
        String[] p = t.split("-");
        if (p.length == 3 && (!p[1].equals("none") || !p[2].equals("any"))) {
          return true;
        }
      }
      return !purelib && tags.isEmpty();
    }
  }

  private final Map<String, Dist> byFile;

  private Distributions(Map<String, Dist> byFile) {
    this.byFile = byFile;
  }

  static Distributions scan(List<String> sysPath) {
    Map<String, Dist> byFile = new HashMap<>();
    for (String entry : sysPath) {
      Path dir = Path.of(entry.isEmpty() ? "." : entry);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var s = Files.list(dir)) {
        for (Path info : s.filter(p -> p.getFileName().toString().endsWith(".dist-info")).toList()) {
          read(dir, info, byFile);
        }
      } catch (IOException | RuntimeException e) {
        // An unreadable entry owns nothing.
      }
    }
    return new Distributions(byFile);
  }

  private static void read(Path root, Path info, Map<String, Dist> byFile) {
    Path record = info.resolve("RECORD");
    if (!Files.isRegularFile(record)) {
      return;
    }
    String name = info.getFileName().toString().replaceFirst("\\.dist-info$", "");
    String version = "";
    int dash = name.lastIndexOf('-');
    if (dash > 0) {
      version = name.substring(dash + 1);
      name = name.substring(0, dash);
    }
    try {
      for (String line : Files.readAllLines(info.resolve("METADATA"))) {
        if (line.isEmpty()) {
          break;
        }
        if (line.startsWith("Name: ")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("Version: ")) {
          version = line.substring(9).strip();
        }
      }
    } catch (IOException e) {
      // The directory name said enough.
    }
    List<String> tags = new ArrayList<>();
    boolean purelib = true;
    try {
      for (String line : Files.readAllLines(info.resolve("WHEEL"))) {
        if (line.startsWith("Tag:")) {
          tags.add(line.substring(4).strip());
        } else if (line.startsWith("Root-Is-Purelib:")) {
          purelib = line.substring(16).strip().equalsIgnoreCase("true");
        }
      }
    } catch (IOException e) {
      // No WHEEL: installed from an sdist or by another tool.
    }
    List<Path> files = new ArrayList<>();
    long bytes = 0;
    try {
      for (String line : Files.readAllLines(record)) {
        String path = csvFirst(line);
        if (path.isEmpty()) {
          continue;
        }
        Path f = root.resolve(path).normalize();
        files.add(f);
        try {
          bytes += Files.size(f);
        } catch (IOException e) {
          // Listed but gone (.pyc of a removed file): not on disk, not counted.
        }
      }
    } catch (IOException e) {
      return;
    }
    Dist d = new Dist(name, version, List.copyOf(tags), purelib, bytes, files.size());
    for (Path f : files) {
      byFile.putIfAbsent(f.toString(), d);
    }
  }

  /** The first field of a RECORD line (CSV; paths with commas are quoted). */
  static String csvFirst(String line) {
    if (line.startsWith("\"")) {
      int end = line.indexOf("\",");
      return end < 0 ? line.substring(1).replace("\"", "") : line.substring(1, end).replace("\"\"", "\"");
    }
    int comma = line.indexOf(',');
    return comma < 0 ? line.strip() : line.substring(0, comma);
  }

  /** The distribution that installed {@code file}, or null. */
  Dist owner(String file) {
    if (file == null) {
      return null;
    }
    Dist d = byFile.get(Path.of(file).normalize().toString());
    if (d == null) {
      try {
        d = byFile.get(Path.of(file).toRealPath().toString());
      } catch (IOException e) {
        return null;
      }
    }
    return d;
  }
}
