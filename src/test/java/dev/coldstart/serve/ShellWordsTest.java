package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void splitsLikeAShellWithoutExpanding() {
    assertThat(ShellWords.split("json")).containsExactly("json");
    assertThat(ShellWords.split("  -c   \"import json\" ")).containsExactly("-c", "import json");
    assertThat(ShellWords.split("-c 'print(\"$HOME\")'")).containsExactly("-c", "print(\"$HOME\")");
    assertThat(ShellWords.split("-c \"a \\\"b\\\" \\\\ \\n\"")).containsExactly("-c", "a \"b\" \\ \\n");
    assertThat(ShellWords.split("a\\ b c")).containsExactly("a b", "c");
    assertThat(ShellWords.split("''")).containsExactly("");
    assertThat(ShellWords.split("x'y'\"z\"")).containsExactly("xyz");
    assertThat(ShellWords.split("-m http.server 8000 --bind ::1")).containsExactly("-m", "http.server", "8000", "--bind", "::1");
    assertThat(ShellWords.split("*.py $(rm -rf /) `id`")).containsExactly("*.py", "$(rm", "-rf", "/)", "`id`");
    assertThat(ShellWords.split(" \t\n")).isEmpty();
  }

  @Test
  void unterminatedQuotesAreUsageErrors() {
    assertThatThrownBy(() -> ShellWords.split("-c 'pass")).isInstanceOf(UserError.class).hasMessageContaining("unterminated '");
    assertThatThrownBy(() -> ShellWords.split("-c \"pass")).isInstanceOf(UserError.class).hasMessageContaining("unterminated \"");
    assertThatThrownBy(() -> ShellWords.split("json\\")).isInstanceOf(UserError.class).hasMessageContaining("backslash");
  }
}
