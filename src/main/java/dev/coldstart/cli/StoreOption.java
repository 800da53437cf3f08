package dev.coldstart.cli;

import picocli.CommandLine.Option;

/** {@code --store}, shared by the verbs that record results or read them (docs/history.md). */
public final class StoreOption {
  @Option(
      names = "--store",
      paramLabel = "FILE|URL",
      description = {
        "The results store: a SQLite file, or postgresql://host:port/db (credentials from PGUSER,",
        "PGPASSWORD or ~/.pgpass). Default: store in [tool.coldstart], else .coldstart/history.db",
        "in the project."
      })
  String store;
}
