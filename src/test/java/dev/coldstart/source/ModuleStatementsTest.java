package dev.coldstart.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleStatementsTest {
  private static List<ModuleStatements.Statement> of(String src) {
    return ModuleStatements.of(src.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eachTopLevelStatementSpansItsLinesAndNestedLinesBelongToIt() {
    List<ModuleStatements.Statement> s =
        of(
            """
            \"\"\"Doc
            string.\"\"\"
            import os

            def build():
                return {
                    1: 2}
            TABLE = build()
            if os.name == "nt":
                X = 1
            elif os.name == "posix":
                X = 2
            else:
                X = 3
            try:
                import fast
            except ImportError:
                fast = None
            """);
    assertThat(s).extracting(ModuleStatements.Statement::line).containsExactly(1, 3, 5, 8, 9, 15);
    assertThat(s.get(0).endLine()).isEqualTo(2);
    assertThat(s.get(2).endLine()).isEqualTo(7); // the blank line after `import os` stays with it
    assertThat(s.get(4).endLine()).isEqualTo(14); // elif and else are clauses of the if
    assertThat(s.get(5).endLine()).isEqualTo(18);
    assertThat(ModuleStatements.at(s, 13).line()).isEqualTo(9);
    assertThat(ModuleStatements.at(s, 6).text()).isEqualTo("def build():");
  }

  @Test
  void aDecoratedDefinitionStartsAtItsFirstDecoratorAndShowsItsHeader() {
    List<ModuleStatements.Statement> s =
        of(
            """
            import dataclasses
            @dataclasses.dataclass
            @other(
                1)
            class Point:
                x: int
            P = Point(1)
            """);
    assertThat(s).extracting(ModuleStatements.Statement::line).containsExactly(1, 2, 7);
    assertThat(s.get(1).endLine()).isEqualTo(6);
    assertThat(s.get(1).text()).isEqualTo("class Point:");
    assertThat(s.get(1).keyword()).isEqualTo("class");
  }

  @Test
  void aPlainAssignmentOfACallNamesItsTarget() {
    List<ModuleStatements.Statement> s =
        of(
            """
            A = build()
            B = 1 + 2
            C = D = make()
            E = registry["x"](1)
            F: int = make()
            G = make(); H = 1
            client = boto3.client(
                "s3")
            """);
    assertThat(s.get(0).assigned()).isEqualTo("A");
    assertThat(s.get(0).call()).isTrue();
    assertThat(s.get(1).assigned()).isEqualTo("B");
    assertThat(s.get(1).call()).isFalse();
    assertThat(s.get(2).assigned()).isNull(); // two targets
    assertThat(s.get(3).call()).isTrue();
    assertThat(s.get(4).assigned()).isNull(); // annotated: not handled as a plain assignment
    assertThat(s.get(5).assigned()).isNull(); // two statements on one line
    assertThat(s.get(6).assigned()).isEqualTo("client");
    assertThat(s.get(6).endLine()).isEqualTo(8);
  }
}
