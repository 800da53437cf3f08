package dev.coldstart.python;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where coldstart keeps what it can reuse between runs (probe answers, the import recorder's
 * compiled code): {@code $COLDSTART_CACHE_DIR}, else {@code $XDG_CACHE_HOME/coldstart}, else {@code
 * ~/.cache/coldstart}. {@code COLDSTART_CACHE_DIR=off} turns every such cache off. Whatever is kept
 * there may be deleted at any time: it only saves work.
 */
public final class CacheRoot {
  public static final String VARIABLE = "COLDSTART_CACHE_DIR";

  private CacheRoot() {}

  /** The cache directory {@code env} asks for, or null when off (or when there is no home for it). */
  public static Path of(Map<String, String> env) {
    String d = env.get(VARIABLE);
    if (d != null && !d.isEmpty()) {
      return d.equals("off") ? null : Path.of(d).toAbsolutePath();
    }
    if (absolute(env.get("XDG_CACHE_HOME"))) {
      return Path.of(env.get("XDG_CACHE_HOME"), "coldstart");
    }
    if (absolute(env.get("HOME"))) {
      return Path.of(env.get("HOME"), ".cache", "coldstart");
    }
    return null;
  }

  private static boolean absolute(String p) {
    return p != null && p.startsWith("/");
  }

  /**
   * FNV-1a, 64 bits, of {@code s} in UTF-8: names cache entries, whose content then decides (not a
   * defence against anyone; MessageDigest would cost a provider load on every verb).
   */
  public static long fnv64(String s) {
    return fnv64(s.getBytes(StandardCharsets.UTF_8));
  }

  /** FNV-1a, 64 bits, of {@code bytes}. */
  public static long fnv64(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
