package dev.coldstart.limits;

/**
 * Limits as one source states them: the command line, a {@code [[tool.coldstart.entry]]}, or the
 * {@code [tool.coldstart]} table above the entries. A component is null when that source says
 * nothing about it; {@code cpuPercent = 0} or {@code memoryBytes = 0} say "no limit" explicitly
 * ({@code --cpu none}). The sources are layered with {@link #over}: the command line over the
 * entry over the table, each component on its own.
 *
 * @param cpuPercent share of one CPU, 0 for none, or null
 * @param memoryBytes memory limit, 0 for none, or null
 * @param coldCache evict the target's files before each run, or null
 * @param noBytecodeCache run without a bytecode cache, or null
 */
public record LimitSettings(Double cpuPercent, Long memoryBytes, Boolean coldCache, Boolean noBytecodeCache) {
  /** A source that says nothing. */
  public static final LimitSettings UNSET = new LimitSettings(null, null, null, null);

  /** These settings, with {@code lower}'s wherever these say nothing. */
  public LimitSettings over(LimitSettings lower) {
    return new LimitSettings(
        cpuPercent != null ? cpuPercent : lower.cpuPercent,
        memoryBytes != null ? memoryBytes : lower.memoryBytes,
        coldCache != null ? coldCache : lower.coldCache,
        noBytecodeCache != null ? noBytecodeCache : lower.noBytecodeCache);
  }

  /** Whether this source says anything. */
  public boolean isSet() {
    return cpuPercent != null || memoryBytes != null || coldCache != null || noBytecodeCache != null;
  }

  /** The limits to measure under (validated: exit 2 on a value that cannot be enforced). */
  public LimitSpec spec() {
    return new LimitSpec(
        cpuPercent == null ? 0 : cpuPercent,
        memoryBytes == null ? 0 : memoryBytes,
        Boolean.TRUE.equals(coldCache),
        Boolean.TRUE.equals(noBytecodeCache));
  }
}
