package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.profile.Profile;
import dev.coldstart.report.ChromeTrace;
import dev.coldstart.report.CollapsedStacks;
import dev.coldstart.report.HtmlReport;
import dev.coldstart.report.ProfileJson;
import dev.coldstart.report.ProfileText;
import dev.coldstart.report.Speedscope;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coldstart report PROFILE.json}: renders a saved profile again, in any format. */
@Command(
    name = "report",
    header = "Render a saved profile: text, JSON, HTML, speedscope, Chrome trace.",
    sortOptions = false,
    description = {
      "Render a profile saved with `coldstart profile --format json`.",
      "html: one self-contained page (icicle chart, module table, why panel); speedscope, trace",
      "(Chrome trace events, for Perfetto) and collapsed (flamegraph.pl) export the import tree."
    })
public final class ReportCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "PROFILE.json", description = "A saved profile, or - for stdin.")
  String profile;

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

  /** Output formats of report. */
  enum Format {
    text,
    json,
    html,
    speedscope,
    trace,
    collapsed
  }

  public ReportCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (depth < 0 || top < 0 || minMs < 0) {
      throw UserError.usage("--depth, --top and --min-ms cannot be negative");
    }
    Profile p = SavedProfile.read(io, profile);
    String text =
        switch (format) {
          case text -> ProfileText.render(p, new ProfileText.Options(depth, minMs, top));
          case json -> ProfileJson.write(p);
          case html -> HtmlReport.render(p);
          case speedscope -> Speedscope.render(p);
          case trace -> ChromeTrace.render(p);
          case collapsed -> CollapsedStacks.render(p);
        };
    Output.write(io, output, text);
    if (output != null && !output.equals("-")) {
      io.err().println("coldstart: wrote " + output);
    }
    return ExitCode.OK;
  }
}
