package dev.coldstart.store;

import dev.coldstart.UserError;
import dev.coldstart.profile.Profile;
import dev.coldstart.stats.Estimate;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The results store: recordings in, history out, over plain JDBC on SQLite or PostgreSQL (one
 * schema, {@link Migrations}). Each {@link #record} is one transaction: a reader sees a recording
 * whole or not at all, and concurrent writers (processes, CI runners) lose nothing: SQLite
 * serializes them on its write lock (WAL, busy timeout), PostgreSQL on its own.
 */
public final class Store implements AutoCloseable {
  private final Connection c;
  private final StoreLocation location;
  private final boolean postgres;
  private final int version;

  private Store(Connection c, StoreLocation location, int version) {
    this.c = c;
    this.location = location;
    this.postgres = location.isPostgres();
    this.version = version;
  }

  /**
   * Opens the store named by {@code spec} ({@code --store} or the configuration's {@code store};
   * null: {@code .coldstart/history.db} under {@code projectRoot}) and brings its schema up to
   * date.
   *
   * @throws UserError exit 2: a bad URL, an unreachable database, refused credentials, a store
   *     written by a newer coldstart; the message never holds a password
   */
  public static Store open(String spec, Path projectRoot, String toolVersion, Map<String, String> env) {
    String[] password = new String[1];
    StoreLocation loc = spec == null ? StoreLocation.defaultFor(projectRoot) : StoreLocation.parse(spec, projectRoot, password);
    return open(loc, password[0], Migrations.latest(), toolVersion, env);
  }

  /** Opens {@code loc} at schema version {@code target} (tests make old stores with it). */
  static Store open(StoreLocation loc, String password, int target, String toolVersion, Map<String, String> env) {
    Connection c = Connections.open(loc, password, env);
    try {
      int version = Migrations.migrate(c, loc.isPostgres(), target, toolVersion, loc);
      return new Store(c, loc, version);
    } catch (SQLException e) {
      closeQuietly(c);
      throw Connections.failure(loc, password, e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /** The schema version this coldstart creates and reads (the number of its migrations). */
  public static int latestSchemaVersion() {
    return Migrations.latest();
  }

  public StoreLocation location() {
    return location;
  }

  /** The store's schema version. */
  public int schemaVersion() {
    try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw Connections.failure(location, null, e);
    }
  }

  /** Records one measurement (one transaction) and returns its id. */
  public long record(Recording rec) {
    try {
      c.setAutoCommit(false);
      try {
        long id = insert(rec);
        c.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Connections.failure(location, null, e);
    }
  }

  private long insert(Recording rec) throws SQLException {
    Machine m = rec.machine();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO machine (id, description, cpu_model, cores, kernel) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      ps.setString(1, m.id());
      ps.setString(2, m.description());
      ps.setString(3, m.cpuModel());
      ps.setInt(4, m.cores());
      ps.setString(5, m.kernel());
      ps.executeUpdate();
    }
    Profile p = rec.profile();
    Profile.RunSamples s = p.samples();
    Estimate imp = Estimate.of(doubles(s.importMs()));
    Commit cm = rec.commit();
    long orderedAt = cm.time() != null ? cm.time().toInstant().toEpochMilli() : rec.recordedAt().toEpochMilli();
    long id;
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO recording (entry, interpreter, python_version, python_executable, machine_id, limits,"
            + " commit_sha, branch, dirty, subject, commit_time, ordered_at, recorded_at, tool_version, verb,"
            + " runs, median_ms, low_ms, high_ms, wall_median_ms, above_bare_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      int i = 0;
      ps.setString(++i, rec.entry());
      ps.setString(++i, p.python().implementation());
      ps.setString(++i, p.python().version());
      ps.setString(++i, p.python().executable());
      ps.setString(++i, m.id());
      ps.setString(++i, String.join(", ", p.constraints()));
      ps.setString(++i, cm.sha());
      ps.setString(++i, cm.branch());
      ps.setInt(++i, cm.dirty() ? 1 : 0);
      ps.setString(++i, cm.subject());
      ps.setString(++i, cm.time() == null ? null : cm.time().toString());
      ps.setLong(++i, orderedAt);
      ps.setString(++i, rec.recordedAt().toString());
      ps.setString(++i, rec.toolVersion());
      ps.setString(++i, rec.verb());
      ps.setInt(++i, s.importMs().size());
      ps.setDouble(++i, imp.median());
      ps.setDouble(++i, imp.low());
      ps.setDouble(++i, imp.high());
      ps.setDouble(++i, p.wallMs() == null ? imp.median() : p.wallMs().median());
      if (p.aboveBareMs() == null) {
        ps.setNull(++i, Types.DOUBLE);
      } else {
        ps.setDouble(++i, p.aboveBareMs().estimate());
      }
      try (ResultSet r = ps.executeQuery()) {
        r.next();
        id = r.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO run_sample (recording_id, run, wall_ms, import_ms, bare_wall_ms, bare_import_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int run = 0; run < s.importMs().size(); run++) {
        ps.setLong(1, id);
        ps.setInt(2, run);
        ps.setDouble(3, at(s.wallMs(), run, s.importMs().get(run)));
        ps.setDouble(4, s.importMs().get(run));
        setNullable(ps, 5, s.bareWallMs(), run);
        setNullable(ps, 6, s.bareImportMs(), run);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO module_stat (recording_id, module, self_ms, self_low_ms, self_high_ms, cumulative_ms,"
            + " cumulative_low_ms, cumulative_high_ms, runs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (recording_id, module) DO NOTHING")) {
      for (Profile.ModuleStat ms : p.modules()) {
        ps.setLong(1, id);
        ps.setString(2, ms.name());
        ps.setDouble(3, ms.selfMs().median());
        ps.setDouble(4, ms.selfMs().low());
        ps.setDouble(5, ms.selfMs().high());
        ps.setDouble(6, ms.cumulativeMs().median());
        ps.setDouble(7, ms.cumulativeMs().low());
        ps.setDouble(8, ms.cumulativeMs().high());
        ps.setInt(9, ms.runs());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    if (version >= LOADED_MODULES && p.loaded() != null) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO loaded_module (recording_id, module) VALUES (?, ?) ON CONFLICT (recording_id, module) DO NOTHING")) {
        for (String module : p.loaded()) {
          ps.setLong(1, id);
          ps.setString(2, module);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return id;
  }

  /** The schema version that added {@code loaded_module} (a store opened at an older one has no such table). */
  private static final int LOADED_MODULES = 3;

  private static double at(List<Double> xs, int i, double otherwise) {
    return xs != null && i < xs.size() && xs.get(i) != null ? xs.get(i) : otherwise;
  }

  private static void setNullable(PreparedStatement ps, int col, List<Double> xs, int i) throws SQLException {
    if (xs != null && i < xs.size() && xs.get(i) != null) {
      ps.setDouble(col, xs.get(i));
    } else {
      ps.setNull(col, Types.DOUBLE);
    }
  }

  private static double[] doubles(List<Double> xs) {
    double[] out = new double[xs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = xs.get(i);
    }
    return out;
  }

  /**
   * The series {@code q} selects, each in commit order (ties: recording order), with the series'
   * change points (see {@link Changes}). Cost: two queries over the matching recordings (their
   * series, then their points), the change-point search per series, and the run samples of the points next
   * to each change (bench/history.sh: 10,000 recordings).
   */
  public List<Series> history(HistoryQuery q) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.entry() != null) {
      where.append(" AND r.entry = ?");
      args.add(q.entry());
    }
    if (q.since() != null) {
      where.append(" AND r.ordered_at >= ?");
      args.add(q.since().toEpochMilli());
    }
    if (q.branch() != null) {
      where.append(" AND r.branch = ?");
      args.add(q.branch());
    }
    if (q.machine() != null) {
      where.append(" AND r.machine_id LIKE ?");
      args.add(likePrefix(q.machine()) + "%");
    }
    if (q.python() != null) {
      where.append(" AND (r.python_version = ? OR r.python_version LIKE ?)");
      args.add(q.python());
      args.add(likePrefix(q.python()) + ".%");
    }
    // Two queries. The series: the distinct (entry, interpreter, version, machine, limits) keys,
    // numbered in the database's order of them (k), with the machine's description. The points:
    // each recording with its series' k, ordered by k, commit order and id. That is the order of
    // sorting every recording by the five key texts (as this once did), without sorting 10,000
    // rows by text: on PostgreSQL that sort was ~40 of the query's ~80 ms (bench/history.sh), and
    // each row no longer carries the five texts to decode and hash.
    String keys = "entry, interpreter, python_version, machine_id, limits";
    String series = "WITH s AS (SELECT " + keys + ", ROW_NUMBER() OVER (ORDER BY " + keys + ") AS k"
        + " FROM (SELECT DISTINCT r.entry, r.interpreter, r.python_version, r.machine_id, r.limits FROM recording r"
        + where + ") d) ";
    try {
      // Both queries number the series the same way only if they see the same rows: a writer
      // adding a series between them would shift the numbers and hand points to the wrong series.
      // So they read one snapshot: a transaction, REPEATABLE READ on PostgreSQL (SQLite's read
      // transaction is a snapshot from its first read to its end).
      c.setAutoCommit(false);
      int isolation = c.getTransactionIsolation();
      if (postgres) {
        c.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
      }
      List<Series> plain = new ArrayList<>();
      List<List<Series.Point>> points = new ArrayList<>();
      List<List<Long>> idLists = new ArrayList<>();
      try {
        Map<Long, Integer> byK = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(series
            + "SELECT s.k, s.entry, s.interpreter, s.python_version, s.machine_id, s.limits, m.description"
            + " FROM s JOIN machine m ON m.id = s.machine_id ORDER BY s.k")) {
          bind(ps, args);
          try (ResultSet r = ps.executeQuery()) {
            while (r.next()) {
              byK.put(r.getLong(1), plain.size());
              plain.add(new Series(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(7),
                  r.getString(6), List.of(), List.of()));
              points.add(new ArrayList<>());
              idLists.add(new ArrayList<>());
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement(series
            + "SELECT s.k, r.id, r.commit_sha, r.subject, r.branch, r.dirty, r.recorded_at, r.median_ms, r.low_ms,"
            + " r.high_ms, r.runs FROM recording r JOIN s ON s.entry = r.entry AND s.interpreter = r.interpreter"
            + " AND s.python_version = r.python_version AND s.machine_id = r.machine_id AND s.limits = r.limits"
            + where + " ORDER BY s.k, r.ordered_at, r.id")) {
          List<Object> twice = new ArrayList<>(args);
          twice.addAll(args);
          bind(ps, twice);
          try (ResultSet r = ps.executeQuery()) {
            long k = -1;
            Integer at = null;
            while (r.next()) {
              long rowK = r.getLong(1);
              if (rowK != k) {
                k = rowK;
                at = byK.get(k);
              }
              if (at == null) {
                continue; // a series whose machine row is missing (the foreign key forbids it)
              }
              idLists.get(at).add(r.getLong(2));
              points.get(at).add(new Series.Point(
                  r.getString(3), r.getString(4), r.getString(5), r.getInt(6) != 0, r.getString(7),
                  r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getInt(11)));
            }
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        if (postgres) {
          c.setTransactionIsolation(isolation);
        }
        c.setAutoCommit(true);
      }
      for (int i = 0; i < plain.size(); i++) {
        plain.set(i, new Series(plain.get(i).entry(), plain.get(i).interpreter(), plain.get(i).python(),
            plain.get(i).machine(), plain.get(i).machineDescription(), plain.get(i).limits(),
            List.copyOf(points.get(i)), List.of()));
      }
      // The searches are independent and CPU-bound: one per series, on every core (the common
      // pool); the samples they need are then read on this thread (one connection, not shared).
      List<List<dev.coldstart.stats.ChangePoints.ChangePoint>> found =
          plain.parallelStream().map(Changes::detect).toList();
      List<Series> out = new ArrayList<>();
      for (int i = 0; i < plain.size(); i++) {
        out.add(Changes.of(plain.get(i), found.get(i), idLists.get(i), this::importSamples));
      }
      return out;
    } catch (SQLException e) {
      throw Connections.failure(location, null, e);
    }
  }

  /**
   * What bisect asks of one recording kind: entry, interpreter, version, machine and limits as
   * recorded; {@code executable} too when not null.
   */
  record Kind(String entry, String interpreter, String version, String executable, String machine, String limits) {}

  /** A recorded module set: {@code sys.modules} at exit, and when it was recorded. */
  record Loaded(java.util.Set<String> modules, String recordedAt) {}

  /**
   * The module set of the latest recording of {@code kind} at {@code commit} made without
   * uncommitted changes that has one, or null. Cost: two indexed queries (recording_commit and
   * loaded_module's primary key).
   */
  Loaded loadedAt(String commit, Kind kind) {
    if (version < LOADED_MODULES) {
      return null;
    }
    try {
      long id;
      String at;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT r.id, r.recorded_at FROM recording r WHERE r.commit_sha = ? AND r.dirty = 0 AND r.entry = ?"
              + " AND r.interpreter = ? AND r.python_version = ? AND r.python_executable = ? AND r.machine_id = ?"
              + " AND r.limits = ? AND EXISTS (SELECT 1 FROM loaded_module l WHERE l.recording_id = r.id)"
              + " ORDER BY r.id DESC")) {
        bind(ps, List.of(commit, kind.entry(), kind.interpreter(), kind.version(), kind.executable(), kind.machine(),
            kind.limits()));
        try (ResultSet r = ps.executeQuery()) {
          if (!r.next()) {
            return null;
          }
          id = r.getLong(1);
          at = r.getString(2);
        }
      }
      java.util.Set<String> modules = new java.util.HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT module FROM loaded_module WHERE recording_id = ?")) {
        ps.setLong(1, id);
        try (ResultSet r = ps.executeQuery()) {
          while (r.next()) {
            modules.add(r.getString(1));
          }
        }
      }
      return new Loaded(modules, at);
    } catch (SQLException e) {
      throw Connections.failure(location, null, e);
    }
  }

  /**
   * The recordings of {@code kind} (executable not compared: history's series) at the commits of
   * {@code order} made without uncommitted changes, as one series in {@code order}'s order (several
   * recordings of one commit in recording order), with its change points as history finds them.
   * Cost: one query over the series (the recording_series index), then {@link Changes}.
   */
  Series seriesOver(Map<String, Integer> order, Kind kind) {
    record Row(long id, int position, Series.Point point) {}
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT r.id, r.commit_sha, r.subject, r.branch, r.recorded_at, r.median_ms, r.low_ms, r.high_ms, r.runs"
            + " FROM recording r WHERE r.entry = ? AND r.interpreter = ? AND r.python_version = ? AND r.machine_id = ?"
            + " AND r.limits = ? AND r.dirty = 0 AND r.commit_sha IS NOT NULL ORDER BY r.id")) {
      bind(ps, List.of(kind.entry(), kind.interpreter(), kind.version(), kind.machine(), kind.limits()));
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          Integer at = order.get(r.getString(2));
          if (at != null) {
            rows.add(new Row(r.getLong(1), at, new Series.Point(r.getString(2), r.getString(3), r.getString(4), false,
                r.getString(5), r.getDouble(6), r.getDouble(7), r.getDouble(8), r.getInt(9))));
          }
        }
      }
    } catch (SQLException e) {
      throw Connections.failure(location, null, e);
    }
    rows.sort(java.util.Comparator.comparingInt(Row::position).thenComparingLong(Row::id));
    Series plain = new Series(kind.entry(), kind.interpreter(), kind.version(), kind.machine(), null, kind.limits(),
        rows.stream().map(Row::point).toList(), List.of());
    return Changes.of(plain, rows.stream().map(Row::id).toList(), this::importSamples);
  }

  /** Each recording's run import times, in run order. */
  private Map<Long, double[]> importSamples(java.util.Set<Long> recordings) {
    Map<Long, List<Double>> found = new HashMap<>();
    List<Long> all = new ArrayList<>(recordings);
    try {
      for (int from = 0; from < all.size(); from += 500) {
        List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
        String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT recording_id, import_ms FROM run_sample WHERE recording_id IN (" + marks + ") ORDER BY recording_id, run")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setLong(i + 1, chunk.get(i));
          }
          try (ResultSet r = ps.executeQuery()) {
            while (r.next()) {
              found.computeIfAbsent(r.getLong(1), x -> new ArrayList<>()).add(r.getDouble(2));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw Connections.failure(location, null, e);
    }
    Map<Long, double[]> out = new HashMap<>();
    found.forEach((id, xs) -> out.put(id, doubles(xs)));
    return out;
  }

  /** {@code s} with LIKE's wildcards escaped away (ids and versions never hold them; be safe). */
  private static String likePrefix(String s) {
    return s.replace("%", "").replace("_", "");
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(c);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing was pending: every write committed or rolled back before.
    }
  }

  /** Now, to the millisecond (recordings are ordered by it when there is no commit). */
  public static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }
}
