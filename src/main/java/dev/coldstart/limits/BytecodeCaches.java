package dev.coldstart.limits;

import dev.coldstart.python.Interpreter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which loaded source modules have no fresh bytecode cache, so that every run compiles them. For
 * each {@code DIR/NAME.py} the cache is {@code DIR/__pycache__/NAME.cpython-XY.pyc}; it is fresh
 * when its 16-byte header (PEP 552: magic, flags, then source mtime and size for timestamp-based
 * caches) matches the source's mtime and size, as the import system checks. Hash-based caches are
 * taken as fresh (checking needs SipHash over the source; unchecked ones are never revalidated
 * anyway). Reads one header per module: O(modules) small reads. CPython only; a custom {@code
 * PYTHONPYCACHEPREFIX} is not followed.
 */
public final class BytecodeCaches {
  private BytecodeCaches() {}

  /** The state of one source module's cache. */
  enum State {
    FRESH,
    MISSING,
    STALE
  }

  /** Notes for a profile: which packages lack caches; empty when every source module has one. */
  public static List<String> notes(Interpreter python, List<String> moduleFiles) {
    if (python == null || !"CPython".equals(python.implementation())) {
      return List.of();
    }
    String tag = "cpython-" + python.major() + python.minor();
    Map<String, int[]> perGroup = new LinkedHashMap<>();
    int sources = 0;
    int lacking = 0;
    for (String f : moduleFiles) {
      if (f == null || !f.endsWith(".py")) {
        continue;
      }
      Path src = Path.of(f);
      if (!Files.isRegularFile(src)) {
        continue;
      }
      sources++;
      State s = state(src, tag);
      if (s != State.FRESH) {
        lacking++;
        int[] c = perGroup.computeIfAbsent(group(src, python.sysPath()), k -> new int[2]);
        c[s == State.MISSING ? 0 : 1]++;
      }
    }
    if (lacking == 0) {
      return List.of();
    }
    List<Map.Entry<String, int[]>> groups = new ArrayList<>(perGroup.entrySet());
    groups.sort(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -(e.getValue()[0] + e.getValue()[1])).thenComparing(Map.Entry::getKey));
    List<String> parts = new ArrayList<>();
    for (var e : groups.subList(0, Math.min(8, groups.size()))) {
      int[] c = e.getValue();
      parts.add(e.getKey() + " (" + (c[0] > 0 ? c[0] + " missing" : "") + (c[0] > 0 && c[1] > 0 ? ", " : "")
          + (c[1] > 0 ? c[1] + " stale" : "") + ")");
    }
    return List.of(
        "bytecode caches: " + lacking + " of " + sources + " loaded source modules have no fresh "
            + tag + " .pyc, so they are compiled on every run (a deploy would pay this unless it ships"
            + " .pyc files or runs compileall): " + String.join(", ", parts) + (groups.size() > 8 ? ", ..." : ""));
  }

  /** Whether {@code src}'s cache exists and matches it. */
  static State state(Path src, String tag) {
    String name = src.getFileName().toString();
    Path pyc = src.resolveSibling("__pycache__").resolve(name.substring(0, name.length() - 3) + "." + tag + ".pyc");
    byte[] h = new byte[16];
    try (InputStream in = Files.newInputStream(pyc)) {
      if (in.readNBytes(h, 0, 16) < 16) {
        return State.STALE;
      }
      ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
      int flags = b.getInt(4);
      if ((flags & 1) != 0) {
        return State.FRESH;
      }
      long mtime = Integer.toUnsignedLong(b.getInt(8));
      long size = Integer.toUnsignedLong(b.getInt(12));
      long srcMtime = Files.getLastModifiedTime(src).toMillis() / 1000 & 0xFFFFFFFFL;
      long srcSize = Files.size(src) & 0xFFFFFFFFL;
      return mtime == srcMtime && size == srcSize ? State.FRESH : State.STALE;
    } catch (java.nio.file.NoSuchFileException e) {
      return State.MISSING;
    } catch (IOException e) {
      return State.MISSING;
    }
  }

  /** The top-level package or module directory a file belongs to, named by its sys.path entry. */
  static String group(Path file, List<String> sysPath) {
    String best = null;
    for (String entry : sysPath) {
      if (entry.isEmpty()) {
        continue;
      }
      Path e = Path.of(entry);
      if (file.startsWith(e) && (best == null || e.getNameCount() > Path.of(best).getNameCount())) {
        best = entry;
      }
    }
    if (best == null) {
      return file.getParent() == null ? file.toString() : file.getParent().toString();
    }
    Path rel = Path.of(best).relativize(file);
    String top = rel.getName(0).toString();
    return rel.getNameCount() == 1 ? top.replaceFirst("\\.py$", "") : top;
  }
}
