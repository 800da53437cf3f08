package dev.coldstart.serve;

/**
 * Where the dashboard's {@code GET /api/history?entry=ENTRY} gets its answer: the results history of
 * one entry point as the {@code coldstart.history/1} JSON of docs/history.md (one series per
 * interpreter and machine, with change points). The dashboard draws it next to the live chart.
 *
 * <p>Called on a request thread, never during a profile's timed runs' hot path: the page asks once
 * when a profile starts or opens, not per run.
 */
public interface HistorySource {
  /** No store: every entry's history is empty, and {@link #describe()} says why. */
  HistorySource NONE =
      new HistorySource() {
        @Override
        public String history(String entry) {
          return "{\"schema\":\"" + dev.coldstart.report.HistoryJson.SCHEMA + "\",\"series\":[]}";
        }

        @Override
        public String describe() {
          return "no results store: record results with `coldstart record` or `--record`";
        }
      };

  /**
   * The history JSON of {@code entry} (a series list, empty when nothing was recorded for it).
   *
   * @throws dev.coldstart.UserError when the store cannot be read (the message is shown on the page)
   */
  String history(String entry);

  /** What the history comes from, in one line (shown by the page, e.g. under an empty chart). */
  String describe();
}
