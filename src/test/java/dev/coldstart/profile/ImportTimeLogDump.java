package dev.coldstart.profile;

import dev.coldstart.profile.ImportTimeLog.Node;

/**
 * A text dump of a parsed log for golden files: the forest (two spaces per tree level), then the
 * other lines and the warnings. Each node shows its log line, times, and marks: {@code cached},
 * {@code depth?} (level not exact), {@code parent-package} (nested under a submodule of itself),
 * and {@code depth=N} when its printed level differs from its place in the tree.
 */
final class ImportTimeLogDump {
  private ImportTimeLogDump() {}

  static String of(ImportTimeLog log) {
    StringBuilder out = new StringBuilder();
    out.append("support: ").append(log.support()).append('\n');
    out.append("headers: ").append(log.headers()).append('\n');
    out.append("rows: ").append(log.rows().size());
    out.append(", roots: ").append(log.roots().size());
    out.append(", other lines: ").append(log.otherLines().size());
    out.append(", warnings: ").append(log.warnings().size()).append('\n');
    out.append("tree:\n");
    for (Node root : log.roots()) {
      node(out, root, null, 0);
    }
    out.append("other lines:\n");
    for (ImportTimeLog.OtherLine other : log.otherLines()) {
      out.append("  L").append(other.line()).append(": ").append(other.text()).append('\n');
    }
    out.append("warnings:\n");
    for (ImportTimeLog.Warning warning : log.warnings()) {
      out.append("  ").append(warning).append('\n');
    }
    return out.toString();
  }

  private static void node(StringBuilder out, Node node, Node enclosing, int level) {
    out.append("  ".repeat(level + 1)).append(node.module()).append(" L").append(node.line());
    if (node.cached()) {
      out.append(" cached");
    } else {
      out.append(" self=").append(node.selfUs()).append(" cum=").append(node.cumulativeUs());
    }
    if (!node.depthExact()) {
      out.append(" depth?");
    }
    if (node.depth() != level) {
      out.append(" depth=").append(node.depth());
    }
    if (enclosing != null && node.isParentPackageOf(enclosing)) {
      out.append(" parent-package");
    }
    out.append('\n');
    for (Node child : node.children()) {
      node(out, child, node, level + 1);
    }
  }
}
