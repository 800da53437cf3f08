package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.profile.Profile;
import dev.coldstart.report.DiffReport;
import dev.coldstart.report.ProfileDiff;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coldstart diff A.json B.json}: what changed between two saved profiles. */
@Command(
    name = "diff",
    header = "Compare two saved profiles, flagging only significant changes.",
    sortOptions = false,
    description = {
      "Compare two profiles saved with `coldstart profile --format json`: A (before), B (after).",
      "Lists modules added and removed and the time changes; a change is flagged only when it is",
      "beyond noise (shift interval of per-run samples excludes 0, or 95%% intervals apart).",
      "Exits 0 whatever changed; use `coldstart check` to fail a build."
    })
public final class DiffCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "A.json", description = "The profile before.")
  String before;

  @Parameters(index = "1", paramLabel = "B.json", description = "The profile after.")
  String after;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, markdown or html (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result here (atomically) instead of to stdout.")
  String output;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "At most N modules per list (default ${DEFAULT-VALUE}).")
  int top;

  /** Output formats of diff. */
  enum Format {
    text,
    markdown,
    html
  }

  public DiffCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (top < 0) {
      throw UserError.usage("--top cannot be negative");
    }
    if (before.equals("-") && after.equals("-")) {
      throw UserError.usage("only one of A and B can be - (stdin)");
    }
    Profile a = SavedProfile.read(io, before);
    Profile b = SavedProfile.read(io, after);
    ProfileDiff d = ProfileDiff.of(a, b);
    DiffReport.Options o = new DiffReport.Options(top);
    String text =
        switch (format) {
          case text -> DiffReport.text(d, o);
          case markdown -> DiffReport.markdown(d, o);
          case html -> DiffReport.html(d, o);
        };
    Output.write(io, output, text);
    if (output != null && !output.equals("-")) {
      io.err().println("coldstart: wrote " + output);
    }
    return ExitCode.OK;
  }
}
