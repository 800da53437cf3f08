package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every rule has its page in docs/rules/ with what, why, an example and the fix. */
class RuleDocsTest {
  @Test
  void everyRuleIsDocumented() throws Exception {
    assertThat(Linter.rules()).extracting(RuleInfo::code)
        .containsExactly("CS101", "CS102", "CS103", "CS104", "CS105", "CS106", "CS107", "CS108", "CS109");
    for (RuleInfo r : Linter.rules()) {
      Path page = Path.of(r.docs());
      assertThat(page).exists();
      String text = Files.readString(page);
      assertThat(text).startsWith("# " + r.code() + " " + r.name())
          .contains("**What it finds.**").contains("**Why it is bad.**").contains("**Example.**")
          .contains("**Fix.**").contains("**Suppress.**").contains("coldstart: ignore[" + r.code() + "]");
      assertThat(Files.readString(Path.of("docs/check.md"))).contains("[" + r.code() + "](rules/" + r.code() + ".md)");
    }
  }
}
