package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.profile.Profile;
import dev.coldstart.report.HistoryPage;
import dev.coldstart.report.ProfileJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code coldstart report PROFILE.json}: renders a saved profile again, in any format. */
@Command(
    name = "report",
    header = "Render a saved profile or history: text, JSON, HTML, speedscope, Chrome trace.",
    sortOptions = false,
    description = {
      "Render a profile saved with `coldstart profile --format json`.",
      "html: one self-contained page (icicle chart, module table, why panel); speedscope, trace",
      "(Chrome trace events, for Perfetto) and collapsed (flamegraph.pl) export the import tree.",
      "A results history (`coldstart history --format json`, schema coldstart.history/1) renders",
      "as text, json or html: a chart per entry point with its change points."
    })
public final class ReportCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE.json", description = "A saved profile or history, or - for stdin.")
  String profile;

  @Mixin ProfileOutput out;

  public ReportCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    out.validate();
    String text = SavedProfile.text(io, profile);
    JsonNode history = historyOrNull(text);
    if (history != null) {
      out.writeHistory(io, history);
      return ExitCode.OK;
    }
    Profile p = ProfileJson.read(text, SavedProfile.name(profile));
    out.write(io, p);
    return ExitCode.OK;
  }

  /** The document when it is a history; null otherwise (a profile, or not JSON: ProfileJson says). */
  private static JsonNode historyOrNull(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return HistoryPage.isHistory(node) ? node : null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
