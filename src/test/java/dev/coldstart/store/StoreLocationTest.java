package dev.coldstart.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLocationTest {
  @TempDir Path tmp;

  @Test
  void aPostgresUrlKeepsItsPasswordOutOfTheLocation() {
    String[] pw = new String[1];
    StoreLocation l = StoreLocation.parse("postgresql://alice:p%40ss:w@db.example.com:6543/hist?sslmode=require", tmp, pw);
    assertThat(pw[0]).isEqualTo("p@ss:w");
    assertThat(l.isPostgres()).isTrue();
    assertThat(l.user()).isEqualTo("alice");
    assertThat(l.host()).isEqualTo("db.example.com");
    assertThat(l.port()).isEqualTo(6543);
    assertThat(l.database()).isEqualTo("hist");
    assertThat(l.parameters()).containsExactly(Map.entry("sslmode", "require"));
    assertThat(l.toString()).isEqualTo("postgresql://alice@db.example.com:6543/hist").doesNotContain("p@ss");
    assertThat(l.redacted()).doesNotContain("p@ss");
  }

  @Test
  void queryParametersMayNameTheUserAndPassword() {
    String[] pw = new String[1];
    StoreLocation l = StoreLocation.parse("postgres://db/hist?user=bob&password=secret&connectTimeout=3", tmp, pw);
    assertThat(pw[0]).isEqualTo("secret");
    assertThat(l.user()).isEqualTo("bob");
    assertThat(l.port()).isZero();
    assertThat(l.parameters()).containsOnlyKeys("connectTimeout");
    assertThat(l.redacted()).isEqualTo("postgresql://bob@db/hist");
  }

  @Test
  void aPathIsASqliteFileRelativeToTheProject() {
    assertThat(StoreLocation.parse("results/h.db", tmp).sqlite()).isEqualTo(tmp.resolve("results/h.db").toAbsolutePath());
    assertThat(StoreLocation.parse("sqlite:/var/h.db", tmp).sqlite()).isEqualTo(Path.of("/var/h.db"));
    assertThat(StoreLocation.defaultFor(tmp).sqlite()).isEqualTo(tmp.resolve(".coldstart/history.db"));
  }

  @Test
  void malformedUrlsAreUsageErrorsThatNeverShowThePassword() {
    for (String bad : new String[] {
        "postgresql://u:hunter2@h:99999/db", "postgresql://u:hunter2@h:port/db", "mysql://u:hunter2@h/db",
        "jdbc:postgresql://h/db?password=hunter2", "postgresql://u:hunter2@h/db?novalue", "  "}) {
      assertThatThrownBy(() -> StoreLocation.parse(bad, tmp))
          .as(bad)
          .isInstanceOf(UserError.class)
          .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(2))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
  }

  @Test
  void thePasswordFileMatchesLikeLibpq() throws Exception {
    Path f = tmp.resolve("pgpass");
    Files.writeString(f, """
        # comment
        other:5432:*:alice:nope
        db.example.com:5432:hist:alice:first\\:colon
        *:*:*:alice:fallback
        """);
    assertThat(PgPass.lookup(f, "db.example.com", 5432, "hist", "alice")).isEqualTo("first:colon");
    assertThat(PgPass.lookup(f, "db.example.com", 6543, "hist", "alice")).isEqualTo("fallback");
    assertThat(PgPass.lookup(f, "db.example.com", 5432, "hist", "bob")).isNull();
    assertThat(PgPass.lookup(tmp.resolve("absent"), "h", 1, "d", "u")).isNull();
  }

  @Test
  void machineIdsAreStableAndSeparateDifferentMachines() {
    Machine a = Machine.of("AMD EPYC 7763", 4, "6.8.0", "Linux", "amd64");
    assertThat(Machine.of("AMD EPYC 7763", 4, "6.8.0", "Linux", "amd64")).isEqualTo(a);
    assertThat(a.id()).hasSize(12).matches("[0-9a-f]+");
    assertThat(Machine.of("AMD EPYC 7763", 8, "6.8.0", "Linux", "amd64").id()).isNotEqualTo(a.id());
    assertThat(Machine.of("AMD EPYC 7763", 4, "6.9.0", "Linux", "amd64").id()).isNotEqualTo(a.id());
    assertThat(a.description()).isEqualTo("AMD EPYC 7763, 4 cores, Linux 6.8.0 amd64");
    assertThat(Machine.current().id()).isEqualTo(Machine.current().id());
  }
}
