package dev.coldstart.store;

import java.time.Instant;

/**
 * Which recordings {@code coldstart history} reads; null fields do not filter.
 *
 * @param entry one entry point (exact), or null for all
 * @param since only points whose commit (else recording) time is at or after this
 * @param branch only recordings made on this branch
 * @param machine only this machine id (or a prefix of it, at least 4 characters)
 * @param python only this Python version, or versions starting with it followed by a dot
 *     ({@code 3.11} matches 3.11.7)
 */
public record HistoryQuery(String entry, Instant since, String branch, String machine, String python) {
  public static final HistoryQuery ALL = new HistoryQuery(null, null, null, null, null);
}
