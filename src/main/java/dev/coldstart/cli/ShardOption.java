package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.gate.CheckConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --shard I/N}: this runner's share of the entries of {@code [tool.coldstart]}, for CI
 * matrices where N runners measure one project (docs/history.md#shards). The rule: the K-th entry
 * in the file (counting from 0) belongs to shard {@code K mod N + 1}. Every runner reads the same
 * file, so every runner computes the same split, each entry lands in exactly one shard, and shard
 * sizes differ by at most one.
 */
public final class ShardOption {
  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Only this shard of the entries: the K-th entry (from 0) belongs to shard K mod N + 1, so N runners split them.")
  String shard;

  /** The entries of this shard ({@code all} without --shard). */
  List<CheckConfig.Entry> select(List<CheckConfig.Entry> all) {
    if (shard == null) {
      return all;
    }
    int[] in = parse(shard);
    List<CheckConfig.Entry> out = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      if (k % in[1] + 1 == in[0]) {
        out.add(all.get(k));
      }
    }
    return out;
  }

  boolean present() {
    return shard != null;
  }

  /** Fails (exit 2) on a malformed --shard before anything else is read or run. */
  void validate() {
    if (shard != null) {
      parse(shard);
    }
  }

  /** {@code I/N} as {i, n}, 1 <= i <= n. */
  static int[] parse(String s) {
    String[] parts = s.strip().split("/", -1);
    int i;
    int n;
    try {
      if (parts.length != 2) {
        throw new NumberFormatException();
      }
      i = Integer.parseInt(parts[0].strip());
      n = Integer.parseInt(parts[1].strip());
    } catch (NumberFormatException e) {
      throw UserError.usage("--shard takes I/N, e.g. 2/4 (got '" + s + "')");
    }
    if (n < 1) {
      throw UserError.usage("--shard " + s + ": N must be at least 1");
    }
    if (i < 1 || i > n) {
      throw UserError.usage("--shard " + s + ": I must be from 1 to N (" + n + ")");
    }
    return new int[] {i, n};
  }
}
