package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The import tree as collapsed stacks, the input of Brendan Gregg's {@code flamegraph.pl}, inferno
 * and speedscope: one line per distinct chain of imports, {@code a;b;c 1234}, where the number is
 * the self time of {@code c} at that position in whole microseconds (from {@link ImportTimeline}).
 *
 * <p>Lines come in tree order (first appearance); a chain that occurs twice under the same parent
 * (an import retried after it failed) is one line with the times added. Chains with no self time
 * are left out. A module name cannot hold {@code ;} or white space in Python, but the names come
 * from a file the user may not have written: {@code ;} becomes {@code _} and white space a single
 * {@code _}, so every line still splits into frames and a count.
 */
public final class CollapsedStacks {
  private CollapsedStacks() {}

  public static String render(Profile p) {
    Map<String, Long> lines = new LinkedHashMap<>();
    for (ImportTimeline.Span s : ImportTimeline.of(p)) {
      add(s, "", lines);
    }
    StringBuilder sb = new StringBuilder();
    lines.forEach(
        (stack, us) -> {
          if (us > 0) {
            sb.append(stack).append(' ').append(us).append('\n');
          }
        });
    return sb.toString();
  }

  private static void add(ImportTimeline.Span s, String prefix, Map<String, Long> lines) {
    String stack = prefix.isEmpty() ? frame(s.name()) : prefix + ";" + frame(s.name());
    lines.merge(stack, s.selfUs(), Long::sum);
    for (ImportTimeline.Span c : s.children()) {
      add(c, stack, lines);
    }
  }

  /** A frame that cannot split a line: no separator, no white space, never empty. */
  static String frame(String name) {
    String f = name == null ? "" : name.replace(';', '_').replaceAll("\\s+", "_");
    return f.isEmpty() ? "?" : f;
  }
}
