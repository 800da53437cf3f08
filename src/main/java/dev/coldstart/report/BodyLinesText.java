package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.List;
import java.util.Locale;

/**
 * The statement-by-statement view of the traced module bodies, as profile and explain print it:
 * per body, its statements with their share of the body's own time, the untraced estimate, and
 * the call paths below each.
 */
final class BodyLinesText {
  private BodyLinesText() {}

  static String render(List<Profile.BodyLines> bodies) {
    if (bodies == null || bodies.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        "Where the heaviest bodies spend their own time (one traced run; share of the body's own time, imports"
            + " excluded, x its untraced median self time)\n");
    for (Profile.BodyLines b : bodies) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %s  %s  (self %s ms; %s ms in the traced run)%n",
              b.module(),
              OpportunityLines.path(b.file()),
              ProfileText.ms(b.selfMs()),
              ProfileText.ms(b.tracedSelfMs())));
      for (Profile.StatementCost c : b.statements()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "    %5.1f %%  ~%s ms  line %d%s  %s%n",
                c.share() * 100,
                ProfileText.ms(c.estimatedMs()),
                c.line(),
                c.endLine() > c.line() ? "-" + c.endLine() : "",
                c.text()));
        for (Profile.CallPath path : c.paths()) {
          sb.append(String.format(Locale.ROOT, "              %3.0f %% in ", path.share() * 100));
          List<Profile.Frame> frames = path.frames();
          for (int i = 0; i < frames.size(); i++) {
            Profile.Frame f = frames.get(i);
            sb.append(i == 0 ? "" : " > ")
                .append(f.function())
                .append(" (")
                .append(OpportunityLines.path(f.file()))
                .append(':')
                .append(f.line())
                .append(')');
          }
          sb.append('\n');
        }
        if (c.importsMs() >= 0.05) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "              + %s ms (traced) importing modules, counted in the import tree%n",
                  ProfileText.ms(c.importsMs())));
        }
      }
      if (b.otherStatements() > 0) {
        sb.append("    (").append(b.otherStatements()).append(" cheaper statements not shown)\n");
      }
    }
    return sb.toString();
  }
}
