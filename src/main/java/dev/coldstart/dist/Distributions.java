package dev.coldstart.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which installed distribution owns a file, and the tags of the wheel it came from (the trap of a
 * compiled dependency of the wrong architecture in a deploy bundle).
 *
 * <p>An installed distribution lists its files in {@code NAME-VERSION.dist-info/RECORD}, paths
 * relative to the directory that holds the dist-info (site-packages). A directory is indexed once
 * (cached): every {@code *.dist-info} in it is read, {@code METADATA} (Name, Version), {@code WHEEL}
 * ({@code Tag:} lines, {@code Root-Is-Purelib}) and {@code RECORD}; when two RECORDs list one file
 * the first one listed owns it. Two ways to look a file up:
 *
 * <ul>
 *   <li>{@link #of(String)} walks up the file's parent directories and indexes each on demand
 *       (explain, profile: a few extension modules);
 *   <li>{@link #scan(List)} indexes the sys.path directories up front, measuring each
 *       distribution's installed size, and {@link #owner(String)} looks only there, following
 *       symbolic links if the path as given is not listed (footprint).
 * </ul>
 *
 * <p>Cost: one read of each RECORD in the directories indexed (a few ms for hundreds of
 * distributions), plus one stat per listed file when measuring. Files of distributions installed
 * without a RECORD (Debian packages' .egg-info, eggs) are not attributed.
 */
public final class Distributions {
  /**
   * One installed distribution.
   *
   * @param version from METADATA, else the dist-info directory name; empty when neither says
   * @param purelib the WHEEL's Root-Is-Purelib (true without a WHEEL)
   * @param installedBytes the size on disk of the files its RECORD lists; 0 unless {@link
   *     #scan(List) scanned}
   * @param files how many files its RECORD lists
   */
  public record Dist(
      String name, String version, List<String> tags, boolean purelib, long installedBytes, int files) {
    /** Platform-specific when any wheel tag names an ABI or a platform other than none/any. */
    public boolean platformSpecific() {
      for (String t : tags) {
        String[] p = t.split("-");
        if (p.length == 3 && (!p[1].equals("none") || !p[2].equals("any"))) {
          return true;
        }
      }
      return !purelib && tags.isEmpty();
    }
  }

  private final boolean measure;
  private final Map<Path, Map<Path, Dist>> indexByDir = new HashMap<>();
  private final Map<Path, Dist> onSysPath = new HashMap<>();

  /** Looks files up with {@link #of(String)}, indexing directories as it meets them. */
  public Distributions() {
    this(false);
  }

  private Distributions(boolean measure) {
    this.measure = measure;
  }

  /** The distributions installed in the {@code sysPath} directories, for {@link #owner(String)}. */
  public static Distributions scan(List<String> sysPath) {
    Distributions d = new Distributions(true);
    for (String entry : sysPath) {
      try {
        Path dir = Path.of(entry.isEmpty() ? "." : entry);
        if (Files.isDirectory(dir)) {
          d.index(dir).forEach(d.onSysPath::putIfAbsent);
        }
      } catch (RuntimeException e) {
        // An unusable entry owns nothing.
      }
    }
    return d;
  }

  /** The distribution that installed {@code file}, from the dist-infos of its parent directories. */
  public Optional<Dist> of(String file) {
    if (file == null) {
      return Optional.empty();
    }
    Path f = Path.of(file).toAbsolutePath().normalize();
    for (Path dir = f.getParent(); dir != null; dir = dir.getParent()) {
      Dist d = index(dir).get(f);
      if (d != null) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The distribution on the {@link #scan(List) scanned} sys.path that installed {@code file}, or null. */
  public Dist owner(String file) {
    if (file == null) {
      return null;
    }
    Dist d = onSysPath.get(Path.of(file).normalize());
    if (d == null) {
      try {
        d = onSysPath.get(Path.of(file).toRealPath());
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
    return d;
  }

  /** Every file the RECORDs in {@code dir} list (resolved against {@code dir}), with its owner. */
  private Map<Path, Dist> index(Path dir) {
    return indexByDir.computeIfAbsent(
        dir,
        d -> {
          Map<Path, Dist> files = new HashMap<>();
          List<Path> infos;
          try (Stream<Path> s = Files.list(d)) {
            infos = s.filter(p -> p.getFileName().toString().endsWith(".dist-info")).toList();
          } catch (IOException | RuntimeException e) {
            return files; // not a directory we may list: nothing installed here
          }
          for (Path info : infos) {
            read(d, info, files);
          }
          return files;
        });
  }

  private void read(Path root, Path info, Map<Path, Dist> byFile) {
    List<String> record = lines(info.resolve("RECORD"));
    String name = info.getFileName().toString().replaceFirst("\\.dist-info$", "");
    String version = "";
    int dash = name.lastIndexOf('-');
    if (dash > 0) {
      version = name.substring(dash + 1);
      name = name.substring(0, dash);
    }
    for (String line : lines(info.resolve("METADATA"))) {
      if (line.isEmpty()) {
        break; // headers end at the first empty line
      }
      if (line.startsWith("Name: ")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("Version: ")) {
        version = line.substring(9).strip();
      }
    }
    List<String> tags = new ArrayList<>();
    boolean purelib = true; // no WHEEL: installed from an sdist or by another tool
    for (String line : lines(info.resolve("WHEEL"))) {
      if (line.startsWith("Tag:")) {
        tags.add(line.substring(4).strip());
      } else if (line.startsWith("Root-Is-Purelib:")) {
        purelib = line.substring(16).strip().equalsIgnoreCase("true");
      }
    }
    List<Path> files = new ArrayList<>();
    long bytes = 0;
    for (String line : record) {
      String path = csvFirst(line);
      if (path.isEmpty()) {
        continue;
      }
      Path f = root.resolve(path).normalize();
      files.add(f);
      if (measure) {
        try {
          bytes += Files.size(f);
        } catch (IOException e) {
          // Listed but gone (.pyc of a removed file): not on disk, not counted.
        }
      }
    }
    Dist dist = new Dist(name, version, List.copyOf(tags), purelib, bytes, files.size());
    for (Path f : files) {
      byFile.putIfAbsent(f, dist);
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

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
