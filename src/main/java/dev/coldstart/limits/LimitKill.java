package dev.coldstart.limits;

/**
 * A run the memory limit killed, with how far it got: the modules whose import had finished when
 * it died (counted from its {@code -X importtime} lines; -1 when the run was not recording them).
 *
 * @param memoryBytes the limit
 * @param modules modules fully imported before the kill, or -1 when unknown
 * @param lastModule the last module to finish importing, or null
 */
public record LimitKill(long memoryBytes, int modules, String lastModule) {
  /** "killed by the memory limit (128M) after 57 modules (the last to finish: json.decoder)". */
  public String message() {
    String limit = "killed by the memory limit (" + LimitSpec.size(memoryBytes) + ")";
    if (modules < 0) {
      return limit + " before it finished";
    }
    return limit + " after " + modules + (modules == 1 ? " module" : " modules")
        + (lastModule == null ? "" : " (the last to finish: " + lastModule + ")");
  }

  /** The kill as seen in a failed run's kept stderr: the modules its {@code -X importtime} lines name. */
  static LimitKill from(long memoryBytes, java.util.List<String> stderr) {
    int n = 0;
    boolean recording = false;
    String last = null;
    for (String line : stderr) {
      if (!line.startsWith("import time:")) {
        continue;
      }
      recording = true;
      int bar = line.lastIndexOf('|');
      if (bar < 0 || line.contains("self [us]")) {
        continue; // the header row
      }
      n++;
      last = line.substring(bar + 1).strip();
    }
    return new LimitKill(memoryBytes, recording ? n : -1, last);
  }
}
