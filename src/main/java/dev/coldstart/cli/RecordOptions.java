package dev.coldstart.cli;

import picocli.CommandLine.Option;

/** {@code --record} and {@code --store} of profile and check: also keep the result in the store. */
public final class RecordOptions {
  @Option(names = "--record", description = "Also record the result in the results store, with the commit, interpreter and machine (docs/history.md).")
  boolean record;

  @Option(
      names = "--store",
      paramLabel = "FILE|URL",
      description = {
        "With --record: the results store, a SQLite file or postgresql://host:port/db (credentials",
        "from PGUSER, PGPASSWORD or ~/.pgpass). Default: store in [tool.coldstart], else",
        ".coldstart/history.db in the project."
      })
  String store;
}
