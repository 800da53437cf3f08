package dev.coldstart.audit;

import dev.coldstart.stats.Shift;
import java.util.List;

/**
 * One fact a verdict rests on. A closed set: renderers switch over it. A new kind of evidence (the
 * program's own tests, import-time side effects) is a new record here, listed in {@code permits},
 * and a case in {@link Judge} and in the renderers.
 */
public sealed interface Evidence
    permits Evidence.Timing, Evidence.Behaviour, Evidence.LoadedAnyway, Evidence.UsedAtImport, Evidence.NotApplied,
        Evidence.Tests, Evidence.SideEffectsMove {

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

  /**
   * The project's own tests ({@code --test}) run with the deferral applied to the test process too,
   * against the unchanged run (docs/audit.md, "Tests").
   *
   * @param command the command as the user typed it
   * @param comparison the tests the deferral breaks, the flaky ones, and whether they could tell
   */
  record Tests(String command, TestComparison comparison) implements Evidence {}

  /**
   * The import-time side effects that move with the deferral: those of the modules the deferred
   * imports alone bring in, from one recording of the unchanged program (docs/audit.md, "Side
   * effects"). They now happen at the first use, or never.
   *
   * @param moved those of modules outside the standard library, in the order they happened
   * @param stdlib how many of the standard library's own move too (not listed, not held against
   *     the deferral: its import-time effects do not depend on when it is imported)
   * @param incomplete why the recording stopped before the program ended, or null
   */
  record SideEffectsMove(List<SideEffect> moved, int stdlib, String incomplete) implements Evidence {
    public SideEffectsMove {
      moved = List.copyOf(moved);
    }
  }
}
