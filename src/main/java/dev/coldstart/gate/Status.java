package dev.coldstart.gate;

/** The outcome of one check. Only FAIL makes {@code coldstart check} exit 1. */
public enum Status {
  /** Within the limit. */
  PASS,
  /** Over the limit, established by the data (for times: by the whole confidence interval). */
  FAIL,
  /** For times: the interval straddles the limit; more runs (or a quieter machine) would tell. */
  INCONCLUSIVE;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
