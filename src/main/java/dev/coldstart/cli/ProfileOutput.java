package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.profile.Profile;
import dev.coldstart.report.ChromeTrace;
import dev.coldstart.report.CollapsedStacks;
import dev.coldstart.report.HistoryPage;
import dev.coldstart.report.HtmlReport;
import dev.coldstart.report.ProfileJson;
import dev.coldstart.report.ProfileText;
import dev.coldstart.report.Speedscope;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** How a profile is written, shared by {@code profile} and {@code report}: format, file, text cuts. */
public final class ProfileOutput {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, html, speedscope, trace or collapsed (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result here (atomically) instead of to stdout.")
  String output;

  @Option(names = "--depth", paramLabel = "N", defaultValue = "3", description = "Tree depth shown in text (default ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--min-ms", paramLabel = "MS", defaultValue = "1", description = "Hide tree nodes cheaper than this in text (default ${DEFAULT-VALUE}).")
  double minMs;

  @Option(names = "--top", paramLabel = "N", defaultValue = "15", description = "Top offenders listed in text (default ${DEFAULT-VALUE}).")
  int top;

  /** Output formats of a profile. */
  enum Format {
    text,
    json,
    html,
    speedscope,
    trace,
    collapsed
  }

  /** Rejects negative cuts before any work is done. */
  void validate() {
    if (depth < 0 || top < 0 || minMs < 0) {
      throw UserError.usage("--depth, --top and --min-ms cannot be negative");
    }
  }

  /** Renders {@code p} in the chosen format and writes it to stdout or the -o file. */
  void write(Io io, Profile p) {
    Output.write(io, output, render(p));
    if (output != null && !output.equals("-")) {
      io.err().println("coldstart: wrote " + output);
    }
  }

  /**
   * Renders a results history (coldstart.history/1): text, json (as read, pretty) or html; the
   * other formats are for profiles (exit 2).
   */
  void writeHistory(Io io, JsonNode history) {
    String text =
        switch (format) {
          case text -> HistoryPage.text(history);
          case json -> history.toPrettyString() + "\n";
          case html -> html(history);
          default -> throw UserError.usage("a history renders as text, json or html, not " + format);
        };
    Output.write(io, output, text);
    if (output != null && !output.equals("-")) {
      io.err().println("coldstart: wrote " + output);
    }
  }

  private static String html(JsonNode history) {
    try {
      return HistoryPage.html(history);
    } catch (IllegalArgumentException e) {
      throw UserError.usage(e.getMessage());
    }
  }

  private String render(Profile p) {
    return switch (format) {
      case text -> ProfileText.render(p, new ProfileText.Options(depth, minMs, top));
      case json -> ProfileJson.write(p);
      case html -> HtmlReport.render(p);
      case speedscope -> Speedscope.render(p);
      case trace -> ChromeTrace.render(p);
      case collapsed -> CollapsedStacks.render(p);
    };
  }
}
