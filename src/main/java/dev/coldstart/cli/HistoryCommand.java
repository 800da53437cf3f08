package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.ConfigReader;
import dev.coldstart.report.HistoryJson;
import dev.coldstart.report.HistoryText;
import dev.coldstart.store.HistoryQuery;
import dev.coldstart.store.Series;
import dev.coldstart.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coldstart history [ENTRY]}: the recorded results, one series per entry, interpreter and machine. */
@Command(
    name = "history",
    header = "Recorded results per commit: one series per entry, interpreter and machine, with change points.",
    sortOptions = false,
    description = {
      "Read the results store: for each entry point, interpreter and machine",
      "(never mixed), the recorded import times in commit order, and where the",
      "series changed.",
      "See docs/history.md."
    })
public final class HistoryCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(paramLabel = "ENTRY", arity = "0..1", description = "Only this entry point (as recorded: a check entry's name, or the target, e.g. 'import fleet').")
  String entry;

  @Option(names = "--since", paramLabel = "DATE", description = "Only commits (else recordings) from this date or time on: 2026-11-01 or 2026-11-01T12:00:00Z.")
  String since;

  @Option(names = "--branch", paramLabel = "NAME", description = "Only recordings made on this branch.")
  String branch;

  @Option(names = "--machine", paramLabel = "ID", description = "Only this machine (its id, or the first 4 or more characters of it).")
  String machine;

  @Option(names = "--python", paramLabel = "VERSION", description = "Only this Python version: 3.11.7, or 3.11 for every 3.11.x.")
  String pythonVersion;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or html (a chart per series with its change points, docs/report.md) (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (atomically) instead of to stdout.")
  String output;

  @Option(names = "--config", paramLabel = "FILE", description = "The pyproject.toml naming the store (default: the nearest one from the current directory up).")
  Path config;

  @Mixin StoreOption store;

  enum Format {
    text,
    json,
    html
  }

  public HistoryCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (machine != null && machine.strip().length() < 4) {
      throw UserError.usage("--machine needs at least 4 characters of the machine id");
    }
    HistoryQuery q = new HistoryQuery(entry, since == null ? null : parseSince(since), branch, machine, pythonVersion);
    CheckConfig cfg = config != null ? ConfigReader.read(config) : Recorder.nearestConfig();
    List<Series> series = List.of();
    try (Recorder r = Recorder.openExisting(store.store, cfg)) {
      if (r != null) {
        series = r.history(q);
      }
    }
    // JSON is made as UTF-8 (2.7 MB for 10,000 points) and written as such, not decoded to a String
    // and encoded again.
    byte[] utf8 = switch (format) {
      case text -> HistoryText.render(series, true).getBytes(StandardCharsets.UTF_8);
      case json -> HistoryJson.bytes(series);
      case html -> dev.coldstart.report.HistoryPage.html(HistoryJson.render(series)).getBytes(StandardCharsets.UTF_8);
    };
    Output.write(io, output, utf8);
    return ExitCode.OK;
  }

  static Instant parseSince(String s) {
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        return Instant.parse(s);
      }
    } catch (DateTimeParseException e) {
      throw UserError.usage("--since takes a date (2026-11-01) or an ISO-8601 time (2026-11-01T12:00:00Z), not '" + s + "'");
    }
  }
}
