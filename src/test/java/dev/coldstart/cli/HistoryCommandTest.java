package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.store.TestStores;
import dev.coldstart.testing.Postgres;
import dev.coldstart.testing.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * record, profile/check --record, --shard and history through the CLI, with real interpreters,
 * against a SQLite file and a PostgreSQL server alike.
 */
class HistoryCommandTest {
  @TempDir Path tmp;

  private static String python() {
    return Pythons.python3().toString();
  }

  /** A git project with three entries in [tool.coldstart] and one commit. */
  private Path project() throws Exception {
    Path root = tmp.resolve("proj");
    Files.createDirectories(root.resolve("pkg"));
    Files.writeString(root.resolve("pkg/__init__.py"), "import json\n");
    Files.writeString(root.resolve("pyproject.toml"), """
        [tool.coldstart]
        runs = 3
        [[tool.coldstart.entry]]
        name = "pkg"
        target = "pkg"
        [[tool.coldstart.entry]]
        name = "email"
        target = "email.parser"
        [[tool.coldstart.entry]]
        name = "bare"
        target = "-c pass"
        """);
    git(root, "init", "-q", "-b", "main");
    git(root, "add", "-A");
    git(root, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "Add three entries");
    return root;
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }

  private static JsonNode json(String s) {
    return JsonMapper.builder().build().readTree(s);
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void shardsSplitTheEntriesAndHistoryReadsThemAllWithTheCommit(TestStores kind) throws Exception {
    Path root = project();
    String store = kind.fresh(tmp);
    String config = root.resolve("pyproject.toml").toString();
    String head = git(root, "rev-parse", "HEAD");
    CliRun one = CliRun.of("record", "--config", config, "--store", store, "--shard", "1/2", "--python", python());
    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(one.out()).contains("recorded pkg: import ").contains("recorded bare: import ").doesNotContain("recorded email")
        .contains("at " + head.substring(0, 7));
    CliRun two = CliRun.of("record", "--config", config, "--store", store, "--shard", "2/2", "--python", python());
    assertThat(two.exit()).as(two.err()).isZero();
    assertThat(two.out()).contains("recorded email: import ").doesNotContain("recorded pkg");

    CliRun h = CliRun.of("history", "--config", config, "--store", store, "--format", "json");
    assertThat(h.exit()).as(h.err()).isZero();
    JsonNode doc = json(h.out());
    assertThat(doc.get("schema").asString()).isEqualTo("coldstart.history/1");
    assertThat(doc.get("series")).hasSize(3);
    List<String> entries = new ArrayList<>();
    for (JsonNode s : doc.get("series")) {
      entries.add(s.get("entry").asString());
      assertThat(s.get("interpreter").asString()).isEqualTo("CPython");
      assertThat(s.get("python").asString()).matches("3\\.\\d+\\.\\d+");
      assertThat(s.get("machine").asString()).hasSize(12);
      assertThat(s.get("machineDescription").asString()).contains("cores");
      assertThat(s.get("changePoints").isArray()).isTrue();
      JsonNode p = s.get("points").get(0);
      assertThat(p.get("commit").asString()).isEqualTo(head);
      assertThat(p.get("subject").asString()).isEqualTo("Add three entries");
      assertThat(p.get("branch").asString()).isEqualTo("main");
      assertThat(p.get("dirty").asBoolean()).isFalse();
      assertThat(p.get("recordedAt").asString()).endsWith("Z");
      assertThat(p.get("runs").asInt()).isEqualTo(3);
      assertThat(p.get("low").asDouble()).isLessThanOrEqualTo(p.get("median").asDouble());
      assertThat(p.get("high").asDouble()).isGreaterThanOrEqualTo(p.get("median").asDouble());
      assertThat(p.has("samples")).isFalse();
    }
    assertThat(entries).containsExactlyInAnyOrder("pkg", "email", "bare");

    CliRun text = CliRun.of("history", "pkg", "--config", config, "--store", store);
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).startsWith("pkg  CPython 3.").contains(head.substring(0, 7)).contains("main: Add three entries")
        .doesNotContain("email");
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void profileAndCheckRecordWhatTheyMeasured(TestStores kind) throws Exception {
    Path root = project();
    String store = kind.fresh(tmp);
    String config = root.resolve("pyproject.toml").toString();
    CliRun p = CliRun.of("profile", "-c", "import json", "--runs", "3", "--record", "--store", store, "--python", python());
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.err()).contains("coldstart: recorded -c import json: import ");
    CliRun c = CliRun.of("check", "--config", config, "--runs", "3", "--record", "--store", store, "--shard", "2/2",
        "--python", python());
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.err()).contains("coldstart: recorded email: import ").doesNotContain("recorded pkg");
    CliRun h = CliRun.of("history", "--config", config, "--store", store, "--format", "json");
    List<String> entries = new ArrayList<>();
    json(h.out()).get("series").forEach(s -> entries.add(s.get("entry").asString()));
    assertThat(entries).containsExactlyInAnyOrder("-c import json", "email");
  }

  @Test
  void badShardsAreUsageErrorsOfOneLine() throws Exception {
    Path root = project();
    String config = root.resolve("pyproject.toml").toString();
    for (String bad : List.of("3/2", "0/2", "1/0", "x", "1/2/3")) {
      CliRun r = CliRun.of("record", "--config", config, "--store", tmp.resolve("h.db").toString(), "--shard", bad);
      assertThat(r.exit()).as(bad).isEqualTo(2);
      assertThat(r.err().strip()).as(bad).startsWith("coldstart: --shard").doesNotContain("\n").doesNotContain("Exception");
    }
    CliRun r = CliRun.of("check", "--config", config, "--shard", "3/2");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("coldstart: --shard 3/2: I must be from 1 to N (2)");
    assertThat(Files.exists(tmp.resolve("h.db"))).isFalse();
  }

  @Test
  void unreachableOrMalformedStoresAreOneLineWithoutThePassword() {
    for (String url : List.of(
        "postgresql://alice:s3cret-pw@127.0.0.1:1/history",
        "postgresql://alice:s3cret-pw@127.0.0.1:notaport/history",
        "postgres://alice@127.0.0.1:1/history?password=s3cret-pw&sslmode=disable",
        "mysql://alice:s3cret-pw@host/db")) {
      CliRun r = CliRun.of("history", "--store", url);
      assertThat(r.exit()).as(url).isEqualTo(2);
      assertThat(r.err()).as(url).startsWith("coldstart: ").doesNotContain("s3cret").doesNotContain("Exception")
          .doesNotContain("\tat ");
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }
    CliRun r = CliRun.of("history", "--store", "postgresql://alice:s3cret-pw@127.0.0.1:1/history");
    assertThat(r.err()).contains("postgresql://alice@127.0.0.1:1/history");
  }

  @Test
  void readingNeverCreatesAStore() throws Exception {
    Path missing = tmp.resolve("no/such/dir/history.db");
    CliRun r = CliRun.of("history", "--store", missing.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("coldstart: no results store at ").contains("never creates one");
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(tmp.resolve("no")).doesNotExist();
    // A configured store not written yet is no recordings yet (CI may read before it records).
    Path root = project();
    Files.writeString(root.resolve("pyproject.toml"),
        Files.readString(root.resolve("pyproject.toml")).replace("runs = 3", "runs = 3\nstore = \"results/h.db\""));
    CliRun h = CliRun.of("history", "--config", root.resolve("pyproject.toml").toString());
    assertThat(h.exit()).as(h.err()).isZero();
    assertThat(h.out()).contains("no recordings");
    assertThat(root.resolve("results")).doesNotExist();
  }

  @Test
  void aWrongPasswordIsRefusedWithoutEchoingIt() {
    String admin = Postgres.adminUrl();
    String wrong = admin.replaceFirst(":[^:@/]+@", ":not-the-password-42@");
    CliRun r = CliRun.of("history", "--store", wrong);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("password authentication failed").doesNotContain("not-the-password-42");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
  }

  /** coldstart in a child process with {@code env} added (credentials come from the environment). */
  private static CliRun child(java.util.Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("PGPASSWORD");
    pb.environment().remove("PGPASSFILE");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        return e.toString();
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new CliRun(p.exitValue(), out, err.get());
  }

  @Test
  void thePasswordComesFromPgpasswordOrThePasswordFile() throws Exception {
    String db = Postgres.freshDatabase();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("postgresql://([^:]+):([^@]+)@([^:/]+):(\\d+)/([^?]+)").matcher(db);
    assertThat(m.matches()).as("test database URL").isTrue();
    String bare = "postgresql://" + m.group(1) + "@" + m.group(3) + ":" + m.group(4) + "/" + m.group(5);
    CliRun none = child(java.util.Map.of("PGPASSFILE", tmp.resolve("absent").toString()), "history", "--store", bare);
    assertThat(none.exit()).as(none.err()).isEqualTo(2);
    CliRun env = child(java.util.Map.of("PGPASSWORD", m.group(2)), "history", "--store", bare);
    assertThat(env.exit()).as(env.err()).isZero();
    assertThat(env.out()).contains("no recordings");
    assertThat(env.err()).doesNotContain(m.group(2));
    Path pgpass = tmp.resolve("pgpass");
    Files.writeString(pgpass, m.group(3) + ":" + m.group(4) + ":*:" + m.group(1) + ":" + m.group(2) + "\n");
    CliRun file = child(java.util.Map.of("PGPASSFILE", pgpass.toString()), "history", "--store", bare);
    assertThat(file.exit()).as(file.err()).isZero();
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aStoreFromANewerColdstartIsRefusedWithExitTwo(TestStores kind) throws Exception {
    String store = kind.fresh(tmp);
    dev.coldstart.store.Store.open(store, tmp, "test", java.util.Map.of()).close();
    assertThat(CliRun.of("history", "--store", store).exit()).isZero();
    try (var c = kind == TestStores.SQLITE
            ? java.sql.DriverManager.getConnection("jdbc:sqlite:" + store)
            : Postgres.connect(store);
        var s = c.createStatement()) {
      s.execute("INSERT INTO schema_version (version, applied_at, tool_version) VALUES (42, 'x', 'future')");
    }
    CliRun r = CliRun.of("history", "--store", store);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("has schema version 42, newer than this coldstart knows").contains("upgrade coldstart");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void aPasswordInTheConfigurationsStoreIsRefusedWithoutRepeatingIt() throws Exception {
    Path f = tmp.resolve("pyproject.toml");
    Files.writeString(f, "[tool.coldstart]\nstore = \"postgresql://alice:pw-in-git-123@db/hist\"\n");
    CliRun r = CliRun.of("history", "--config", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("tool.coldstart.store: must not hold a password").doesNotContain("pw-in-git-123");
  }

  @Test
  void theConfigurationsStoreIsUsedWhenNoStoreIsGiven() throws Exception {
    Path f = tmp.resolve("pyproject.toml");
    Files.writeString(f, "[tool.coldstart]\nstore = \"results/h.db\"\n");
    Path other = tmp.resolve("other.db");
    Path configured = tmp.resolve("results/h.db");
    Files.createDirectories(configured.getParent());
    for (Path p : List.of(other, configured)) {
      try (var st = dev.coldstart.store.Store.open(p.toString(), tmp, "test", java.util.Map.of())) {
        st.record(TestStores.recording("-c pass",
            TestStores.commit(p.equals(other) ? "a".repeat(40) : "b".repeat(40), "main", "s", 1), TestStores.HERE,
            TestStores.profile("-c pass", "3.11.7", List.of(), 5, 6, 7)));
      }
    }
    CliRun r = CliRun.of("history", "--config", f.toString(), "--store", other.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("a".repeat(40)).doesNotContain("b".repeat(40));
    CliRun c = CliRun.of("history", "--config", f.toString(), "--format", "json");
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).contains("b".repeat(40)).doesNotContain("a".repeat(40));
  }

  @Test
  void storeWithoutRecordAndRecordOfALogAreUsageErrors() {
    CliRun a = CliRun.of("profile", "-c", "pass", "--store", tmp.resolve("x.db").toString());
    assertThat(a.exit()).isEqualTo(2);
    assertThat(a.err()).contains("--store needs --record");
    CliRun b = CliRun.of("record", "--log", "-", "--store", tmp.resolve("x.db").toString());
    assertThat(b.exit()).isEqualTo(2);
    assertThat(b.err()).contains("not --log");
  }
}
