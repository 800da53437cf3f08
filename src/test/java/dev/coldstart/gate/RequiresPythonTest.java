package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequiresPythonTest {
  @TempDir Path temp;

  private static String lower(String spec) {
    return RequiresPython.parse(spec, Path.of("pyproject.toml")).map(RequiresPython::version).orElse("none");
  }

  @Test
  void lowerBoundOfEachClauseKindAndTheLargestWins() {
    assertThat(lower(">=3.15")).isEqualTo("3.15");
    assertThat(lower(">= 3.9, <4")).isEqualTo("3.9");
    assertThat(lower("~=3.15.1")).isEqualTo("3.15");
    assertThat(lower("==3.15.*")).isEqualTo("3.15");
    assertThat(lower(">3.14")).isEqualTo("3.14");
    assertThat(lower(">=3.8,>=3.15,!=3.15.0")).isEqualTo("3.15");
    assertThat(lower("<4")).isEqualTo("none");
    assertThat(lower("!=3.9.*")).isEqualTo("none");
    assertThat(lower(">=99999999999")).isEqualTo("none");
  }

  @Test
  void readsProjectRequiresPythonAndRejectsBadToml() throws Exception {
    Path f = temp.resolve("pyproject.toml");
    Files.writeString(f, "[project]\nname = \"x\"\nrequires-python = \">=3.15\"\n");
    assertThat(RequiresPython.near(temp).orElseThrow().atLeast(3, 15)).isTrue();
    Files.writeString(f, "[project]\nname = \"x\"\n");
    assertThat(RequiresPython.near(temp)).isEmpty();
    Files.writeString(f, "[project\n");
    Assertions.assertThatThrownBy(() -> RequiresPython.read(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("invalid TOML");
  }
}
