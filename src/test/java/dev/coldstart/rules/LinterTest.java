package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.gate.CheckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinterTest {
  @TempDir Path temp;

  @Test
  void suppressionsSelectionAndModuleNames() throws Exception {
    Path pkg = Files.createDirectories(temp.resolve("src/pkg"));
    Files.writeString(pkg.resolve("__init__.py"),
        "from .a import A  # coldstart: ignore[CS101]\nfrom .b import B  # coldstart: ignore[CS102, CS101]\n"
            + "from .c import C  # coldstart: ignore\nfrom .d import D  # coldstart: ignore[CS104]\n");
    String root = temp.resolve("src").toString();
    LintReport r = Linter.run(List.of(root), CheckConfig.defaults(temp), List.of(), List.of());
    assertThat(r.findings()).extracting(Finding::line).containsExactly(4);
    assertThat(r.suppressed()).isEqualTo(3);
    assertThat(r.files()).isEqualTo(1);
    assertThat(Linter.moduleName(pkg.resolve("__init__.py"))).isEqualTo("pkg");
    assertThat(Linter.run(List.of(root), CheckConfig.defaults(temp), List.of("CS103"), List.of()).findings()).isEmpty();
    assertThat(Linter.run(List.of(root), CheckConfig.defaults(temp), List.of("CS1"), List.of("CS101")).findings()).isEmpty();
    assertThat(Linter.selected("CS101", List.of("CS10"), List.of())).isTrue();
    assertThat(Linter.selected("CS101", List.of(), List.of("CS1"))).isFalse();
  }
}
