package dev.coldstart.fix;

import java.util.Locale;

/** How a lazy package {@code __init__} is written. */
public enum Style {
  /** PEP 562 module {@code __getattr__} and {@code __dir__}; works on Python 3.7+. */
  PEP562("pep562"),
  /** PEP 810 {@code lazy from .x import Y} statements; needs Python 3.15+. */
  PEP810("pep810"),
  /** PEP 810 {@code __lazy_modules__}: eager before Python 3.15, lazy from 3.15 on. */
  LAZY_MODULES("lazy-modules");

  private final String cliName;

  Style(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static Style parse(String s) {
    String n = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Style st : values()) {
      if (st.cliName.equals(n)) {
        return st;
      }
    }
    return null;
  }
}
