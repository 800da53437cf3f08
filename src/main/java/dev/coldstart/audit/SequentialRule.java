package dev.coldstart.audit;

import dev.coldstart.stats.Shift;

/**
 * When a candidate's timing may stop (docs/audit.md, "The sequential rule").
 *
 * <p>Pairs are measured in batches; after {@code first} pairs and then after every {@code step}
 * more, up to {@code max}, the rule looks at the saving's Moses interval. There are K looks, and
 * each interval is made at confidence {@code 1 - 0.05 / K} (Bonferroni): the probability that any
 * of the K intervals misses the true saving is at most 5 %, so the rule's verdicts are wrong at
 * most 5 % of the time in all (a "saves" when the true saving is zero or less, or a "no win" when
 * it is the margin or more), however many looks it made. It stops at the first look where the
 * interval is above zero ({@link Outcome#SAVES}) or below the margin ({@link Outcome#NO_WIN}).
 * The price of looking often is a wider interval at each look (K = 5: 99 % instead of 95 %).
 *
 * @param first pairs before the first look
 * @param step pairs between looks
 * @param max pairs at most
 * @param marginMs a saving below this is no win
 */
public record SequentialRule(int first, int step, int max, double marginMs) {
  /** Overall error rate of the rule. */
  public static final double ALPHA = 0.05;

  public SequentialRule {
    if (first < 3 || step < 1 || max < first || !(marginMs >= 0)) {
      throw new IllegalArgumentException("bad sequential rule: " + first + ", " + step + ", " + max + ", " + marginMs);
    }
  }

  /** The usual rule for at most {@code max} pairs: first look at 10 (or max), then every 5. */
  public static SequentialRule upTo(int max, double marginMs) {
    return new SequentialRule(Math.min(10, Math.max(3, max)), 5, Math.max(3, max), marginMs);
  }

  /** What a look concluded. */
  public enum Outcome {
    SAVES,
    NO_WIN,
    CONTINUE
  }

  /** How many looks the rule makes. */
  public int looks() {
    return 1 + (max - first + step - 1) / step;
  }

  /** The confidence of each look's interval. */
  public double confidence() {
    return 1 - ALPHA / looks();
  }

  /** Whether {@code pairs} is a look. */
  public boolean isLook(int pairs) {
    return pairs == max || (pairs >= first && (pairs - first) % step == 0);
  }

  /** The outcome of a look at {@code saving} (made at {@link #confidence()}). */
  public Outcome decide(Shift saving) {
    if (saving.low() > 0) {
      return Outcome.SAVES;
    }
    if (saving.high() < marginMs) {
      return Outcome.NO_WIN;
    }
    return Outcome.CONTINUE;
  }

  /**
   * About how many more pairs would decide, from the observed spread: an interval's half-width
   * shrinks like one over the square root of the pairs, so reaching the half-width that would put
   * the interval clear of zero (or under the margin, whichever is nearer) takes {@code n (w / w*)^2}.
   */
  public int moreRuns(Shift saving, int pairs) {
    double half = (saving.high() - saving.low()) / 2;
    double centre = (saving.high() + saving.low()) / 2;
    double needed = Math.max(centre, marginMs - centre); // distance to the nearer decision
    if (!(needed > 0) || !(half > 0)) {
      return pairs; // no spread to extrapolate from: at least as many again
    }
    double total = pairs * Math.pow(half / needed, 2);
    return (int) Math.min(1_000_000, Math.max(1, Math.ceil(total - pairs)));
  }
}
