package dev.coldstart.audit;

import dev.coldstart.stats.Shift;
import java.util.List;

/**
 * One fact a verdict rests on. A closed set: renderers switch over it. A new kind of evidence (the
 * program's own tests, import-time side effects) is a new record here, listed in {@code permits},
 * and a case in {@link Judge} and in the renderers.
 */
public sealed interface Evidence
    permits Evidence.Timing, Evidence.Behaviour, Evidence.LoadedAnyway, Evidence.UsedAtImport, Evidence.NotApplied {

  /**
   * The measured saving: CPU time of the unchanged program minus the deferred one, from
   * interleaved pairs.
   *
   * @param saving Hodges-Lehmann shift (positive = the deferral is faster), in milliseconds, with
   *     the interval of the last look of the sequential rule
   * @param pairs interleaved pairs measured
   * @param unchangedMs median CPU time of the unchanged program, milliseconds
   * @param stoppedEarly the sequential rule stopped before the largest number of runs
   */
  record Timing(Shift saving, int pairs, double unchangedMs, boolean stoppedEarly) implements Evidence {}

  /**
   * The program's exit status, standard output and standard error with and without the deferral
   * (one plain run each).
   *
   * @param same all three equal
   * @param difference the first difference, in words; null when the same
   */
  record Behaviour(boolean same, String difference) implements Evidence {}

  /** A deferred module was loaded anyway in the deferred run; {@code chain} says who, outermost first. */
  record LoadedAnyway(String module, List<HookReport.Site> chain) implements Evidence {}

  /** A deferred name was used (emulated mode): during its importer's body, the deferral cannot hold. */
  record UsedAtImport(HookReport.Used use) implements Evidence {}

  /** The hook deferred no statement: {@code why}. */
  record NotApplied(String why) implements Evidence {}
}
