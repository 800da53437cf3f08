package dev.coldstart.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** coldstart's own version, for reports that name their tool (SARIF). */
final class ToolVersion {
  private ToolVersion() {}

  static String get() {
    Properties p = new Properties();
    try (InputStream in = ToolVersion.class.getResourceAsStream("/dev/coldstart/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Unknown version: still a valid report.
    }
    String v = p.getProperty("version", "0.0.0");
    return v.startsWith("${") ? "0.0.0" : v;
  }
}
