package dev.coldstart.limits;

import java.util.Locale;

/** What to do about limits ({@code --limits MODE}); see docs/limits.md. */
public enum LimitMode {
  /** Apply every limit asked for; when one cannot be applied, stop with exit 2 and say what is missing. */
  STRICT,
  /** Apply what can be applied, measure without the rest, and say so in every report. */
  BEST_EFFORT,
  /** Ignore every limit, from the command line and the configuration alike. */
  OFF;

  /** The word the user types: strict, best-effort, off. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses the user's word. */
  public static LimitMode parse(String s) {
    for (LimitMode m : values()) {
      if (m.word().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw dev.coldstart.UserError.usage("--limits takes strict, best-effort or off (got '" + s + "')");
  }
}
