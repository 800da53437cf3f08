package dev.coldstart.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A PostgreSQL server of the smallest kind, for the AOT training run ({@link TrainCommand}) only:
 * on a loopback port, it lets the JDBC driver do what {@code coldstart history --store
 * postgresql://...} does against a real server, so that the classes on that path (the driver's
 * connection and query code, SCRAM-SHA-256 with PBKDF2, SASLprep's Unicode normalization: about 350
 * classes) are in the ahead-of-time cache instead of being loaded from the jar on every start. It
 * speaks protocol 3.0 as PostgreSQL documents it (https://www.postgresql.org/docs/current/protocol-flow.html):
 * no TLS (it answers the driver's SSLRequest with 'N', as a server with {@code ssl = off} does),
 * SCRAM-SHA-256 authentication computed in full (the driver checks the server's signature), and
 * the extended query protocol. Its answers are made-up rows for the queries history makes (the
 * schema version, the series, their points, the runs; matched by their text, so a change to that
 * SQL shows in TrainingPostgresTest): two series of {@value #COMMITS} commits with a
 * step, so the change-point search and the shifts run too. Any other statement gets an empty result.
 *
 * <p>Measured (docs/benchmarks.md, history): without this, {@code history} over PostgreSQL loaded
 * ~400 classes outside the cache and took ~200 ms more than with a cache trained on a real server.
 */
final class TrainingPostgres implements AutoCloseable {
  static final int COMMITS = 40;
  private static final int ITERATIONS = 4096;
  private static final String USER = "coldstart";

  private final ServerSocket socket;
  private final String password;
  private final int schemaVersion;
  private final Thread thread;

  /** Starts serving on a free loopback port; {@code schemaVersion} is what the store claims to be at. */
  TrainingPostgres(int schemaVersion) throws IOException {
    this.socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    this.socket.setSoTimeout(30_000);
    this.password = HexFormat.of().formatHex(random(12));
    this.schemaVersion = schemaVersion;
    this.thread = Thread.ofPlatform().name("coldstart-training-postgres").daemon().start(this::serve);
  }

  /** The store URL to hand to {@code --store}: loopback, this server's port and password. */
  String url() {
    return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + socket.getLocalPort() + "/coldstart?socketTimeout=20";
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a listening socket: nothing to recover.
    }
    thread.interrupt();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        s.setSoTimeout(20_000);
        session(new DataInputStream(new java.io.BufferedInputStream(s.getInputStream())), s.getOutputStream());
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        // A session that fails only makes the training weaker; the next connection gets a new one.
      }
    }
  }

  private void session(DataInputStream in, OutputStream raw) throws IOException, GeneralSecurityException {
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
    int length = in.readInt();
    int code = in.readInt();
    if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: not offered
      out.write('N');
      out.flush();
      length = in.readInt();
      code = in.readInt();
    }
    in.readNBytes(length - 8); // the startup parameters (user, database, options): not needed
    authenticate(in, out);
    for (String[] p : List.of(
        new String[] {"server_version", "17.0"}, new String[] {"server_encoding", "UTF8"},
        new String[] {"client_encoding", "UTF8"}, new String[] {"DateStyle", "ISO, MDY"},
        new String[] {"integer_datetimes", "on"}, new String[] {"standard_conforming_strings", "on"},
        new String[] {"TimeZone", "UTC"}, new String[] {"IntervalStyle", "postgres"},
        new String[] {"is_superuser", "off"}, new String[] {"session_authorization", USER})) {
      message(out, 'S', cstring(p[0]), cstring(p[1]));
    }
    message(out, 'K', int32(4242), int32(4242));
    message(out, 'Z', new byte[] {'I'});
    out.flush();
    queries(in, out);
  }

  /** SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it: no channel binding without TLS. */
  private void authenticate(DataInputStream in, DataOutputStream out) throws IOException, GeneralSecurityException {
    message(out, 'R', int32(10), cstring("SCRAM-SHA-256"), new byte[] {0});
    out.flush();
    byte[] initial = expect(in, 'p');
    int nameEnd = indexOf(initial, 0, (byte) 0);
    String clientFirst = new String(initial, nameEnd + 5, initial.length - nameEnd - 5, StandardCharsets.UTF_8);
    String clientFirstBare = clientFirst.substring(clientFirst.indexOf(",", clientFirst.indexOf(",") + 1) + 1);
    String clientNonce = attribute(clientFirstBare, 'r');
    byte[] salt = random(16);
    String serverFirst = "r=" + clientNonce + Base64.getEncoder().encodeToString(random(18))
        + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
    message(out, 'R', int32(11), serverFirst.getBytes(StandardCharsets.UTF_8));
    out.flush();
    String clientFinal = new String(expect(in, 'p'), StandardCharsets.UTF_8);
    String withoutProof = clientFinal.substring(0, clientFinal.lastIndexOf(",p="));
    byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
    byte[] serverKey = hmac(salted, "Server Key");
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] signature = hmac(serverKey, authMessage);
    byte[] clientKey = hmac(salted, "Client Key");
    byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
    byte[] proof = Base64.getDecoder().decode(attribute(clientFinal, 'p'));
    byte[] clientSignature = hmac(storedKey, authMessage);
    for (int i = 0; i < proof.length; i++) {
      proof[i] ^= clientSignature[i];
    }
    if (!MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(proof), storedKey)) {
      message(out, 'E', cstring("SFATAL"), cstring("VFATAL"), cstring("C28P01"),
          cstring("Mpassword authentication failed for user \"" + USER + "\""), new byte[] {0});
      out.flush();
      throw new IOException("the training client's SCRAM proof does not match");
    }
    message(out, 'R', int32(12), ("v=" + Base64.getEncoder().encodeToString(signature)).getBytes(StandardCharsets.UTF_8));
    message(out, 'R', int32(0));
  }

  /** The extended query protocol, message by message, until the client says Terminate. */
  private void queries(DataInputStream in, DataOutputStream out) throws IOException {
    String sql = "";
    byte[] parameterTypes = int16(0);
    while (true) {
      int type = in.read();
      if (type < 0) {
        return;
      }
      byte[] body = in.readNBytes(in.readInt() - 4);
      switch (type) {
        case 'P' -> { // Parse: statement name, query, parameter types (int16 count, int32 type each)
          int nameEnd = indexOf(body, 0, (byte) 0);
          int queryEnd = indexOf(body, nameEnd + 1, (byte) 0);
          sql = new String(body, nameEnd + 1, queryEnd - nameEnd - 1, StandardCharsets.UTF_8);
          parameterTypes = java.util.Arrays.copyOfRange(body, queryEnd + 1, body.length);
          message(out, '1');
        }
        case 'Q' -> { // a simple query: description, rows, completion, ready
          Result r = answer(new String(body, 0, indexOf(body, 0, (byte) 0), StandardCharsets.UTF_8));
          if (!r.columns().isEmpty()) {
            message(out, 'T', r.description());
          }
          for (List<String> row : r.rows()) {
            message(out, 'D', Result.dataRow(row));
          }
          message(out, 'C', cstring(r.columns().isEmpty() ? "SET" : "SELECT " + r.rows().size()));
          message(out, 'Z', new byte[] {'I'});
          out.flush();
        }
        case 'B' -> message(out, '2');
        case 'D' -> {
          if (body[0] == 'S') {
            message(out, 't', parameterTypes);
          }
          Result r = answer(sql);
          if (r.columns().isEmpty()) {
            message(out, 'n');
          } else {
            message(out, 'T', r.description());
          }
        }
        case 'E' -> {
          Result r = answer(sql);
          for (List<String> row : r.rows()) {
            message(out, 'D', Result.dataRow(row));
          }
          message(out, 'C', cstring(r.columns().isEmpty() ? "SET" : "SELECT " + r.rows().size()));
        }
        case 'C' -> message(out, '3');
        case 'S' -> {
          message(out, 'Z', new byte[] {'I'});
          out.flush();
        }
        case 'H' -> out.flush();
        case 'X' -> {
          return;
        }
        default -> throw new IOException("training server: unexpected message " + (char) type);
      }
    }
  }

  /** Made-up rows for the queries history makes; an empty result for anything else. */
  private Result answer(String sql) {
    if (sql.contains("FROM schema_version")) {
      return new Result(List.of(new Column("version", 23)), List.of(List.of(Integer.toString(schemaVersion))));
    }
    if (sql.contains("FROM s JOIN machine m")) { // Store.history: the series
      List<List<String>> rows = new java.util.ArrayList<>();
      for (int series = 0; series < 2; series++) {
        rows.add(List.of(Integer.toString(series + 1), "import train" + series, "CPython", "3.11.7", "train0000001", "",
            "Training machine, 2 cores"));
      }
      return new Result(List.of(new Column("k", 20), new Column("entry", 25), new Column("interpreter", 25),
          new Column("python_version", 25), new Column("machine_id", 25), new Column("limits", 25),
          new Column("description", 25)), rows);
    }
    if (sql.contains("FROM recording r JOIN s")) { // Store.history: the points, by series
      List<Column> columns = List.of(new Column("k", 20), new Column("id", 20), new Column("commit_sha", 25),
          new Column("subject", 25), new Column("branch", 25), new Column("dirty", 23), new Column("recorded_at", 25),
          new Column("median_ms", 701), new Column("low_ms", 701), new Column("high_ms", 701), new Column("runs", 23));
      List<List<String>> rows = new java.util.ArrayList<>();
      for (int series = 0; series < 2; series++) {
        for (int c = 0; c < COMMITS; c++) {
          double median = median(series, c);
          rows.add(List.of(Integer.toString(series + 1), Long.toString(id(series, c)), String.format("%040x", c),
              "commit " + c, "main", "0", "2026-12-05T00:00:00Z", Double.toString(median), Double.toString(median - 1),
              Double.toString(median + 1), "10"));
        }
      }
      return new Result(columns, rows);
    }
    if (sql.contains("FROM run_sample")) {
      List<List<String>> rows = new java.util.ArrayList<>();
      for (int series = 0; series < 2; series++) {
        for (int c = 0; c < COMMITS; c++) {
          for (int run = 0; run < 10; run++) {
            rows.add(List.of(Long.toString(id(series, c)), Double.toString(median(series, c) - 1 + run * 0.2)));
          }
        }
      }
      return new Result(List.of(new Column("recording_id", 20), new Column("import_ms", 701)), rows);
    }
    return new Result(List.of(), List.of());
  }

  private static long id(int series, int commit) {
    return 1 + series * COMMITS + commit;
  }

  /** 50 ms, 65 ms from the middle commit on (a step the change-point search finds), a little noise. */
  private static double median(int series, int commit) {
    return 50 + (commit >= COMMITS / 2 ? 15 : 0) + ((commit * 7 + series * 3) % 5) * 0.1;
  }

  private record Column(String name, int typeOid) {}

  private record Result(List<Column> columns, List<List<String>> rows) {
    byte[] description() {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(int16(columns.size()));
      for (Column c : columns) {
        b.writeBytes(cstring(c.name()));
        b.writeBytes(int32(0)); // table
        b.writeBytes(int16(0)); // column number
        b.writeBytes(int32(c.typeOid()));
        b.writeBytes(int16(c.typeOid() == 25 ? -1 : c.typeOid() == 23 ? 4 : 8));
        b.writeBytes(int32(-1)); // type modifier
        b.writeBytes(int16(0)); // text format
      }
      return b.toByteArray();
    }

    static byte[] dataRow(List<String> row) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(int16(row.size()));
      for (String v : row) {
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        b.writeBytes(int32(bytes.length));
        b.writeBytes(bytes);
      }
      return b.toByteArray();
    }
  }

  private static byte[] expect(DataInputStream in, char type) throws IOException {
    int t = in.read();
    if (t != type) {
      throw new IOException("training server: expected " + type + ", got " + t);
    }
    return in.readNBytes(in.readInt() - 4);
  }

  private static void message(DataOutputStream out, char type, byte[]... parts) throws IOException {
    int length = 4;
    for (byte[] p : parts) {
      length += p.length;
    }
    out.write(type);
    out.writeInt(length);
    for (byte[] p : parts) {
      out.write(p);
    }
  }

  private static String attribute(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() > 1 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    throw new IllegalArgumentException("no " + name + "= in the SCRAM message");
  }

  private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] b, int from, byte value) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return b.length;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static byte[] cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(b, b.length + 1);
  }

  private static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static byte[] int16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }
}
