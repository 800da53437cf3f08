package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.ConfigReader;
import dev.coldstart.store.Store;
import dev.coldstart.store.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The results store bisect reads (docs/history.md#recorded-results), found as {@code record} and
 * {@code history} find theirs, from the bisected directory: {@code --store}, else {@code store} in
 * the nearest {@code [tool.coldstart]}, else {@code .coldstart/history.db} in the project. Bisect
 * never creates a store: a SQLite file that does not exist is no store. A store named with {@code
 * --store} that cannot be opened (or does not exist) is exit 2; one found implicitly that cannot
 * be opened is a warning, and bisect measures everything. Messages show the location redacted.
 */
final class BisectStore {
  private BisectStore() {}

  /** The store to read, or null (none, {@code --no-store}, or an implicit one that failed). */
  static Store open(String flag, boolean none, Path dir, PrintWriter err) {
    if (none) {
      if (flag != null) {
        throw UserError.usage("give --store or --no-store, not both");
      }
      return null;
    }
    CheckConfig config = null;
    String spec = flag;
    Path project;
    try {
      Path file = ConfigReader.find(dir);
      config = file == null ? null : ConfigReader.read(file);
    } catch (UserError e) {
      if (flag == null) {
        warn(err, "cannot read the configuration for the results store (" + e.getMessage() + ")");
        return null;
      }
    }
    project = config != null && config.root() != null ? config.root() : Recorder.projectRoot(dir);
    if (spec == null && config != null) {
      spec = config.store();
    }
    StoreLocation loc;
    try {
      loc = spec == null ? StoreLocation.defaultFor(project) : StoreLocation.parse(spec, project);
    } catch (UserError e) {
      if (flag != null) {
        throw e;
      }
      warn(err, e.getMessage());
      return null;
    }
    if (loc.missingFile()) {
      if (flag != null) {
        throw UserError.usage("no results store at " + loc.redacted() + " (bisect reads a store, it never creates one)");
      }
      if (spec != null) {
        warn(err, "the configuration's store " + loc.redacted() + " does not exist");
      }
      return null;
    }
    try {
      return Store.open(spec, project, ToolVersion.get(), System.getenv());
    } catch (UserError e) {
      if (flag != null) {
        throw e;
      }
      warn(err, e.getMessage());
      return null;
    }
  }

  private static void warn(PrintWriter err, String why) {
    err.println("coldstart: warning: bisecting without the results store: " + why);
  }
}
