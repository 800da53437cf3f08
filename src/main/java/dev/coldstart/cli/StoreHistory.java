package dev.coldstart.cli;

import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.ConfigReader;
import dev.coldstart.report.HistoryJson;
import dev.coldstart.serve.HistorySource;
import dev.coldstart.store.HistoryQuery;
import dev.coldstart.store.Store;
import dev.coldstart.store.StoreLocation;
import java.nio.file.Path;

/**
 * The dashboard's history from the results store, as {@code coldstart history ENTRY --format json}
 * reads it: the store {@code --store} names, else the one in the nearest pyproject.toml from the
 * served directory, else {@code .coldstart/history.db} under that project. The store is opened per
 * request (the page asks once per profile it shows) and closed again, so the server holds no
 * connection between requests and never writes. A SQLite store that does not exist yet is not
 * created: the history is empty and {@link #describe()} says where it would be.
 */
final class StoreHistory implements HistorySource {
  private final String spec;
  private final Path project;
  private final StoreLocation location;

  /**
   * @param flag the {@code --store} value, or null
   * @param directory the served directory
   * @throws dev.coldstart.UserError (usage) when the store's address is malformed
   */
  StoreHistory(String flag, Path directory) {
    Path configFile = ConfigReader.find(directory);
    CheckConfig config = configFile == null ? null : ConfigReader.read(configFile);
    this.project = config != null && config.root() != null ? config.root() : directory;
    this.spec = flag != null ? flag : config == null ? null : config.store();
    this.location = spec == null ? StoreLocation.defaultFor(project) : StoreLocation.parse(spec, project);
  }

  @Override
  public String history(String entry) {
    if (missing()) {
      return HistoryJson.render(java.util.List.of());
    }
    try (Store store = Store.open(spec, project, ToolVersion.get(), System.getenv())) {
      return HistoryJson.render(store.history(new HistoryQuery(entry, null, null, null, null)));
    }
  }

  @Override
  public String describe() {
    return missing()
        ? "no results store yet at " + location.redacted() + ": record results with `coldstart record` or `--record`"
        : "results store " + location.redacted();
  }

  private boolean missing() {
    return location.missingFile();
  }
}
