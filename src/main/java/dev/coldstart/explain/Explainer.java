package dev.coldstart.explain;

import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.profile.Sampler;
import dev.coldstart.python.Target;

/**
 * The profile-and-explain use case: samples the target (timed), records its imports once
 * (untimed; the same pass lists the loaded modules for the profile), and joins the two.
 */
public final class Explainer {
  /** How many opportunities a profile carries. */
  public static final int PROFILE_OPPORTUNITIES = 10;

  private Explainer() {}

  /**
   * A profile and its explanation.
   *
   * @param profile with retained times and opportunities when the recording worked
   * @param explanation null when the recording could not be used (see {@code problem})
   * @param problem why there is no explanation, or null
   */
  public record Result(Profile profile, Explanation explanation, String problem) {}

  public static Result profile(Profiler.Request req, Sampler.Listener listener) {
    return profile(req, listener, PROFILE_OPPORTUNITIES);
  }

  /**
   * Profiles and explains, keeping the first {@code opportunities} opportunities. The recording
   * run is the warm-up; what the explanation can work out from it alone is prepared while the
   * timed runs go on (see {@link Recording.Pass}), so only pricing it is left for the end.
   */
  public static Result profile(Profiler.Request req, Sampler.Listener listener, int opportunities) {
    Target t = req.target();
    String code =
        t instanceof Target.Code c ? c.code() : t instanceof Target.Module m ? "import " + m.name() : null;
    Recording.Pass<Explanation.Prepared> pass =
        new Recording.Pass<>(t, r -> Explanation.prepare(r.log(), new StaticImports(code)));
    return explain(Profiler.run(req, listener, pass), t, pass, opportunities);
  }

  private static Result explain(
      Profile p, Target t, Recording.Pass<Explanation.Prepared> pass, int opportunities) {
    Recording r = pass.of(t);
    if (r == null) {
      return new Result(p, null, "the import recording was not made");
    }
    if (r.log() == null) {
      return new Result(p, null, r.problem());
    }
    if (p.runs() == 0) {
      return new Result(p, null, "nothing was measured");
    }
    Explanation e = Explanation.of(p, pass.prepared(), opportunities);
    return new Result(e.addTo(p, opportunities), e, null);
  }
}
