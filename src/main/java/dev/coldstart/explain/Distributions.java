package dev.coldstart.explain;

import dev.coldstart.profile.Profile;
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
 * Which installed distribution a file belongs to, and whether its wheel was built for one platform
 * (the trap of a compiled dependency of the wrong architecture in a deploy bundle).
 *
 * <p>An installed distribution lists its files in {@code NAME-VERSION.dist-info/RECORD}, paths
 * relative to the directory that holds the dist-info (site-packages). For a file we walk up its
 * parent directories; in each that holds {@code *.dist-info} directories we read every RECORD once
 * (cached per directory) and look the file up. The wheel's tags are the {@code Tag:} lines of
 * {@code WHEEL}: {@code cp311-cp311-manylinux_2_17_x86_64} is platform-specific, {@code
 * py3-none-any} is not. A distribution without a WHEEL file was built on this machine from source:
 * its extension modules are platform-specific too. Cost: one read of each RECORD in the
 * directories visited.
 */
public final class Distributions {
  private final Map<Path, Map<Path, Path>> indexByDir = new HashMap<>();
  private final Map<Path, Profile.Distribution> byDistInfo = new HashMap<>();

  /** The distribution that installed {@code file}, if a dist-info RECORD lists it. */
  public Optional<Profile.Distribution> of(String file) {
    if (file == null) {
      return Optional.empty();
    }
    Path f = Path.of(file).toAbsolutePath().normalize();
    for (Path dir = f.getParent(); dir != null; dir = dir.getParent()) {
      Path distInfo = index(dir).get(f);
      if (distInfo != null) {
        return Optional.of(byDistInfo.computeIfAbsent(distInfo, Distributions::describe));
      }
    }
    return Optional.empty();
  }

  /** Every file the RECORDs in {@code dir} list, mapped to its dist-info directory. */
  private Map<Path, Path> index(Path dir) {
    return indexByDir.computeIfAbsent(
        dir,
        d -> {
          Map<Path, Path> files = new HashMap<>();
          List<Path> infos;
          try (Stream<Path> s = Files.list(d)) {
            infos = s.filter(p -> p.getFileName().toString().endsWith(".dist-info")).toList();
          } catch (IOException | RuntimeException e) {
            return files; // not a directory we may list: nothing installed here
          }
          for (Path info : infos) {
            for (String row : lines(info.resolve("RECORD"))) {
              String path = recordPath(row);
              if (!path.isEmpty()) {
                files.put(d.resolve(path).toAbsolutePath().normalize(), info);
              }
            }
          }
          return files;
        });
  }

  /** RECORD is CSV: path,hash,size; a path holding a comma is quoted. */
  private static String recordPath(String row) {
    if (row.startsWith("\"")) {
      int end = row.indexOf("\",", 1);
      return end < 0 ? "" : row.substring(1, end).replace("\"\"", "\"");
    }
    int comma = row.indexOf(',');
    return comma < 0 ? row.strip() : row.substring(0, comma);
  }

  private static Profile.Distribution describe(Path distInfo) {
    String dirName = distInfo.getFileName().toString();
    String stem = dirName.substring(0, dirName.length() - ".dist-info".length());
    int dash = stem.indexOf('-');
    String name = dash < 0 ? stem : stem.substring(0, dash);
    String version = dash < 0 ? null : stem.substring(dash + 1);
    for (String line : lines(distInfo.resolve("METADATA"))) {
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
    for (String line : lines(distInfo.resolve("WHEEL"))) {
      if (line.startsWith("Tag:")) {
        tags.add(line.substring(4).strip());
      }
    }
    boolean platformSpecific = tags.isEmpty() || tags.stream().anyMatch(t -> !t.endsWith("-any"));
    return new Profile.Distribution(name, version, List.copyOf(tags), platformSpecific);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
