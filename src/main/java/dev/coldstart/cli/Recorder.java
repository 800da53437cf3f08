package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.ConfigReader;
import dev.coldstart.profile.Profile;
import dev.coldstart.store.Commit;
import dev.coldstart.store.Machine;
import dev.coldstart.store.Recording;
import dev.coldstart.store.Store;
import dev.coldstart.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the results store for a verb and records its profiles. The store is opened before anything
 * is measured, so a bad URL, refused credentials or a newer schema fail in a second, not after the
 * runs. Which store: {@code --store}, else {@code store} in {@code [tool.coldstart]}, else {@code
 * .coldstart/history.db} in the project (the directory of the nearest pyproject.toml, else the git
 * checkout's top, else the current directory).
 */
final class Recorder implements AutoCloseable {
  private final Store store;
  private final Path project;
  private Commit commit;
  private Machine machine;

  private Recorder(Store store, Path project) {
    this.store = store;
    this.project = project;
  }

  /** Opens the store {@code flag} names, else the one {@code config} names (may be null). */
  static Recorder open(String flag, CheckConfig config) {
    Path project = config != null && config.file() != null ? config.root() : projectRoot();
    String spec = flag != null ? flag : config == null ? null : config.store();
    return new Recorder(Store.open(spec, project, ToolVersion.get(), System.getenv()), project);
  }

  /**
   * For reading only: reading never creates a store. A SQLite file that does not exist is an
   * error when {@code flag} names it (exit 2, as bisect's), and no recordings yet when it is the
   * default or the configuration's (null: CI may read before anything was recorded).
   */
  static Recorder openExisting(String flag, CheckConfig config) {
    Path project = config != null && config.file() != null ? config.root() : projectRoot();
    String spec = flag != null ? flag : config == null ? null : config.store();
    StoreLocation loc = spec == null ? StoreLocation.defaultFor(project) : StoreLocation.parse(spec, project);
    if (loc.missingFile()) {
      if (flag != null) {
        throw UserError.usage("no results store at " + loc.redacted() + " (history reads a store, it never creates one)");
      }
      return null;
    }
    return open(flag, config);
  }

  /** The nearest pyproject.toml's configuration, or null when there is none. */
  static CheckConfig nearestConfig() {
    Path f = ConfigReader.find(Path.of(""));
    return f == null ? null : ConfigReader.read(f);
  }

  private static Path projectRoot() {
    return projectRoot(Path.of(""));
  }

  /** The git checkout's top from {@code dir} up, else {@code dir}. */
  static Path projectRoot(Path dir) {
    Path from = dir.toAbsolutePath().normalize();
    for (Path d = from; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return d;
      }
    }
    return from;
  }

  /** The series {@code q} selects. */
  java.util.List<dev.coldstart.store.Series> history(dev.coldstart.store.HistoryQuery q) {
    return store.history(q);
  }

  /** Records {@code p} as {@code entry} and returns the line that says so. */
  String record(String entry, String verb, Profile p) {
    if (commit == null) {
      commit = Commit.of(project, System.getenv());
      machine = Machine.current();
    }
    store.record(new Recording(entry, verb, commit, machine, ToolVersion.get(), Store.now(), p));
    var imp = dev.coldstart.stats.Estimate.of(p.samples().importMs().stream().mapToDouble(Double::doubleValue).toArray());
    return String.format(Locale.ROOT, "coldstart: recorded %s: import %.1f ms [%.1f, %.1f], %d runs, at %s in %s",
        entry, imp.median(), imp.low(), imp.high(), p.samples().importMs().size(), where(), store.location());
  }

  private String where() {
    if (commit.sha() == null) {
      return "no commit (not a git checkout)";
    }
    return commit.sha().substring(0, Math.min(7, commit.sha().length())) + (commit.dirty() ? " (dirty)" : "");
  }


  @Override
  public void close() {
    store.close();
  }
}
