package dev.coldstart.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The machine a recording ran on, as a stable fingerprint. History never compares times across
 * machines: the id separates series.
 *
 * <p>The id is the first 12 hex digits of SHA-256 over CPU model, logical CPU count, kernel
 * release, OS and architecture: two CI runners of the same type share it (and a series), a kernel
 * update starts a new one. The host name is left out on purpose: CI runners get a new one per job.
 *
 * @param id the fingerprint
 * @param description how reports name it, e.g. {@code AMD EPYC 7763, 4 cores, Linux 6.8.0 amd64}
 * @param cpuModel the CPU model ({@code /proc/cpuinfo}'s model name), or "unknown CPU"
 * @param cores logical CPUs of the machine
 * @param kernel the kernel release (os.version)
 */
public record Machine(String id, String description, String cpuModel, int cores, String kernel) {

  /** The machine this process runs on. */
  public static Machine current() {
    List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
    String model = null;
    int processors = 0;
    for (String l : cpuinfo) {
      int colon = l.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = l.substring(0, colon).strip();
      if (key.equals("processor")) {
        processors++;
      } else if (model == null && (key.equals("model name") || key.equals("Model") || key.equals("cpu model"))) {
        model = l.substring(colon + 1).strip().replaceAll("\\s+", " ");
      }
    }
    if (model == null || model.isEmpty()) {
      model = "unknown CPU";
    }
    int cores = processors > 0 ? processors : Runtime.getRuntime().availableProcessors();
    String os = System.getProperty("os.name", "?");
    String arch = System.getProperty("os.arch", "?");
    String kernel = System.getProperty("os.version", "?");
    return of(model, cores, kernel, os, arch);
  }

  /** A machine from its parts (tests, stores written elsewhere). */
  public static Machine of(String cpuModel, int cores, String kernel, String os, String arch) {
    String key = cpuModel + "\n" + cores + "\n" + kernel + "\n" + os + "\n" + arch;
    String id;
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      id = HexFormat.of().formatHex(h).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String description = cpuModel + ", " + cores + (cores == 1 ? " core, " : " cores, ") + os + " " + kernel + " " + arch;
    return new Machine(id, description, cpuModel, cores, kernel);
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
