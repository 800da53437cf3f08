package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.gate.ModulePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one source rule on inline source whose expected findings are marked on their line with a
 * trailing {@code # <- CODE} comment, and checks the rule reports exactly those lines.
 */
final class RuleTesting {
  private RuleTesting() {}

  static final LintContext NO_CONTEXT = new LintContext(List.<ModulePattern>of(), Map.of(), Set.of());

  static List<Finding> assertMarked(Rule.SourceRule rule, String path, String module, String source) {
    return assertMarked(rule, path, module, source, NO_CONTEXT);
  }

  static List<Finding> assertMarked(
      Rule.SourceRule rule, String path, String module, String source, LintContext context) {
    List<Finding> found = rule.check(PythonFile.of(path, module, source), context);
    List<Integer> expected = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("# <- " + rule.info().code())) {
        expected.add(i + 1);
      }
    }
    assertThat(found).extracting(Finding::line).as(found.toString()).containsExactlyElementsOf(expected);
    assertThat(found).allSatisfy(f -> {
      assertThat(f.code()).isEqualTo(rule.info().code());
      assertThat(f.file()).isEqualTo(path);
      assertThat(f.fix()).isNotBlank();
    });
    return found;
  }
}
