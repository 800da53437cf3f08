package dev.coldstart.store;

import dev.coldstart.profile.Profile;
import java.time.Instant;

/**
 * One measurement to record: a profile of one entry point and where it came from.
 *
 * @param entry the target as the user wrote it ({@code profile}, {@code record}) or the check
 *     entry's name ({@code check})
 * @param verb the verb that measured it: profile, check or record
 * @param commit the commit measured
 * @param machine where it ran
 * @param toolVersion coldstart's version
 * @param recordedAt when it was recorded
 * @param profile the measurement: its runs' samples (with {@link Profile#samples()}), per-module
 *     medians with intervals, interpreter and limits
 */
public record Recording(
    String entry, String verb, Commit commit, Machine machine, String toolVersion, Instant recordedAt, Profile profile) {
  public Recording {
    if (profile.samples() == null || profile.samples().importMs() == null || profile.samples().importMs().isEmpty()) {
      throw new IllegalArgumentException("a recording needs the profile's run samples");
    }
  }
}
