package dev.coldstart.layout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One directory's entry names grouped by stem (the name up to its first dot), like the cache of
 * CPython's FileFinder: a lookup of module {@code foo} only looks at entries {@code foo},
 * {@code foo.py}, {@code foo.cpython-311-x86_64-linux-gnu.so}, ... An unreadable or missing
 * directory is an empty listing.
 */
final class Listing {
  static final Listing EMPTY = new Listing(Map.of(), List.of());

  private final Map<String, List<String>> byStem;
  private final List<String> names;

  private Listing(Map<String, List<String>> byStem, List<String> names) {
    this.byStem = byStem;
    this.names = names;
  }

  static Listing of(Path dir) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException | RuntimeException e) {
      return EMPTY;
    }
    names.sort(null);
    Map<String, List<String>> byStem = new HashMap<>(names.size() * 2);
    for (String n : names) {
      int dot = n.indexOf('.');
      String stem = dot < 0 ? n : n.substring(0, dot);
      byStem.computeIfAbsent(stem, k -> new ArrayList<>(2)).add(n);
    }
    return new Listing(byStem, List.copyOf(names));
  }

  /** Entries whose name is {@code stem} or starts with {@code stem + "."}, sorted. */
  List<String> withStem(String stem) {
    return byStem.getOrDefault(stem, List.of());
  }

  boolean has(String name) {
    int dot = name.indexOf('.');
    return withStem(dot < 0 ? name : name.substring(0, dot)).contains(name);
  }

  /** All entry names, sorted. */
  List<String> names() {
    return names;
  }
}
