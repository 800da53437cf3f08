package dev.coldstart.audit;

import java.util.List;

/**
 * What auditing one candidate concluded, with the facts it rests on (see {@link Judge}).
 *
 * @param candidate what was deferred
 * @param kind the verdict
 * @param reason one line saying why, in the user's words
 * @param evidence the facts, in the order they were gathered
 * @param moreRuns for {@link Kind#INCONCLUSIVE}: about how many more interleaved pairs would decide
 *     (from the observed spread); 0 otherwise
 */
public record Verdict(Candidate candidate, Kind kind, String reason, List<Evidence> evidence, int moreRuns) {
  public Verdict {
    evidence = List.copyOf(evidence);
  }

  /** The verdicts. */
  public enum Kind {
    /** Saves (interval above zero) and behaves the same. */
    SAFE("safe"),
    /** Saves nothing: the module is still loaded at start-up, or the saving is below the margin. */
    NO_WIN("no-win"),
    /** Changes what the program does, or a deferred name is used while its importer runs. */
    UNSAFE("unsafe"),
    /** The measurement could not tell within the runs allowed. */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The timing evidence, if the candidate was timed. */
  public java.util.Optional<Evidence.Timing> timing() {
    return evidence.stream().filter(Evidence.Timing.class::isInstance).map(Evidence.Timing.class::cast).findFirst();
  }
}
