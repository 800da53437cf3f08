package dev.coldstart.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each module, the modules it brought in after its own import had finished: a package whose
 * lazy {@code __getattr__} calls {@code importlib.import_module} on first use, a function that
 * imports when it is called. {@code -X importtime} has no row for a module loaded by {@code
 * import_module}, and prints the rows of what that module imports outside the package's row (at
 * the top level, or inside whichever import was under way), so the package's cumulative time
 * leaves them out, while its retained time (from the recorded graph) counts them. Adding their
 * self times to the cumulative time makes the two agree: retained time never exceeds it.
 *
 * <p>Read from one recorded run. A module is <em>brought in by</em> the module whose code started
 * its first load: the importer of the import that accounts for it in the {@link
 * RuntimeImportGraph} (so every module a module dominates is brought in by it or by a module it
 * brought in). A load <em>within</em> a module's import began while that module's own load was
 * under way: its row nests in the module's row. The late modules of M are those brought in, at
 * any distance, by M or by a module it brought in, whose load was not within M's.
 *
 * <p>Nesting is read from the records' sequence numbers and depths, which the recorder keeps per
 * thread; imports made by two threads at once are taken as nested when they interleave. Cost: one
 * pass over the log, then one walk of each module's brought-in subtree, O(N^2) at worst (a chain
 * of N modules each bringing in the next); a few thousand modules take milliseconds.
 */
final class LateLoads {
  private LateLoads() {}

  /**
   * The late modules of each module of {@code log} that has any, with loads accounted for as
   * {@link RuntimeImportGraph#from} does.
   */
  static Map<String, List<String>> of(ImportLog log) {
    Map<String, long[]> span = spans(log);
    Map<Long, ImportLog.Call> calls = new HashMap<>();
    log.calls().forEach(c -> calls.put(c.seq(), c));
    // Who brought each module in: the importer of its first successful load, as the graph has it
    // (the call's importer when a call accounts for the load, else the load's own).
    Map<String, List<String>> brought = new LinkedHashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (ImportLog.Load l : log.loads()) {
      if (!l.ok() || !seen.add(l.name())) {
        continue;
      }
      ImportLog.Call c = calls.get(l.call());
      boolean covered = c != null && c.modules().stream().anyMatch(m -> m.name().equals(l.name()));
      String by = covered ? c.importer() : l.importer();
      if (by != null && !by.equals(l.name())) {
        brought.computeIfAbsent(by, k -> new ArrayList<>()).add(l.name());
      }
    }
    Map<String, List<String>> late = new HashMap<>();
    for (var e : span.entrySet()) {
      String module = e.getKey();
      long[] own = e.getValue();
      List<String> out = new ArrayList<>();
      ArrayDeque<String> pending = new ArrayDeque<>(brought.getOrDefault(module, List.of()));
      Set<String> visited = new java.util.HashSet<>();
      while (!pending.isEmpty()) {
        String next = pending.pop();
        if (next.equals(module) || !visited.add(next)) {
          continue;
        }
        long[] s = span.get(next);
        if (s != null && !(own[0] < s[0] && s[0] < own[1])) {
          out.add(next);
        }
        pending.addAll(brought.getOrDefault(next, List.of()));
      }
      if (!out.isEmpty()) {
        late.put(module, List.copyOf(out));
      }
    }
    return Map.copyOf(late);
  }

  /** A call or load record: where it began, at which depth, and the load (null for a call). */
  private record Event(long seq, int depth, ImportLog.Load load) {}

  /**
   * The first successful load of each module as {start seq, end seq}: the load ends where the next
   * record of its depth or shallower begins (records are in the order they began, each with the
   * number of calls and loads under way in its thread).
   */
  private static Map<String, long[]> spans(ImportLog log) {
    List<Event> events = new ArrayList<>();
    log.calls().forEach(c -> events.add(new Event(c.seq(), c.depth(), null)));
    log.loads().forEach(l -> events.add(new Event(l.seq(), l.depth(), l)));
    events.sort(java.util.Comparator.comparingLong(Event::seq));
    Map<String, long[]> span = new HashMap<>();
    ArrayDeque<Event> open = new ArrayDeque<>();
    for (Event e : events) {
      while (!open.isEmpty() && open.peek().depth() >= e.depth()) {
        close(span, open.pop().load(), e.seq());
      }
      if (e.load() != null) {
        open.push(e);
      }
    }
    while (!open.isEmpty()) {
      close(span, open.pop().load(), Long.MAX_VALUE);
    }
    return span;
  }

  /** Keeps the span of a module's earliest successful load. */
  private static void close(Map<String, long[]> span, ImportLog.Load l, long end) {
    long[] known = span.get(l.name());
    if (l.ok() && (known == null || l.seq() < known[0])) {
      span.put(l.name(), new long[] {l.seq(), end});
    }
  }
}
