package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.Locale;

/** The text of {@code profile --lazy-imports all}: what the global lazy mode would save. */
final class LazyAllLines {
  private LazyAllLines() {}

  static String render(Profile.LazyAll a) {
    if (a == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Upper bound: every import lazy (-X lazy_imports=all), ")
        .append(a.runs())
        .append(" runs interleaved with normal runs\n");
    if (a.savingMs() != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  saves %s ms [%s, %s] of wall time (normal minus lazy; wall under the mode %s ms)%n",
              ProfileText.ms(a.savingMs().estimate()),
              ProfileText.ms(a.savingMs().low()),
              ProfileText.ms(a.savingMs().high()),
              a.wallMs() == null ? "?" : ProfileText.ms(a.wallMs().median())));
    }
    sb.append(String.format(Locale.ROOT, "  modules imported under the mode: %d%n", Math.round(a.moduleCount())));
    sb.append("  avoids ")
        .append(a.avoided().size())
        .append(a.avoided().size() == 1 ? " module" : " modules")
        .append(a.avoided().isEmpty() ? "" : ": ")
        .append(String.join(", ", a.avoided().subList(0, Math.min(12, a.avoided().size()))))
        .append(a.avoided().size() > 12 ? ", ..." : "")
        .append('\n');
    if (a.sameBehaviour()) {
      sb.append("  behaviour: the same in every pair (exit code, stdout, stderr)\n");
    } else {
      sb.append("  behaviour: DIFFERENT under the mode; making every import lazy is not safe as is\n");
      a.differences().forEach(d -> sb.append("    ").append(d).append('\n'));
    }
    return sb.toString();
  }
}
