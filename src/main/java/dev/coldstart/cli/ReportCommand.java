package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.profile.Profile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ProfileOutput out;

  public ReportCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    out.validate();
    Profile p = SavedProfile.read(io, profile);
    out.write(io, p);
    return ExitCode.OK;
  }
}
