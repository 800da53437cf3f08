package dev.coldstart.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden before/after files per fix kind (src/test/resources/fix/golden, see the README there).
 * Run with {@code -Dfix.golden.update=true} to rewrite the outputs after a deliberate change, then
 * read the diff.
 */
class FixGoldenTest {
  static final Path RESOURCES = Path.of("src/test/resources/fix");
  static final Path GOLDEN = RESOURCES.resolve("golden");

  @TempDir Path temp;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(GOLDEN)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".input.py"))
          .map(n -> n.substring(0, n.length() - ".input.py".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** Copies the fixture package to temp with the case's input in place; returns the input's copy. */
  static Path place(Path temp, String name) throws IOException {
    Path pkg = temp.resolve("pkg");
    try (Stream<Path> s = Files.walk(RESOURCES.resolve("pkg"))) {
      for (Path p : s.toList()) {
        Path to = pkg.resolve(RESOURCES.resolve("pkg").relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path file = pkg.resolve(name.startsWith("reexport") ? "__init__.py" : "mod.py");
    if (!name.startsWith("reexport")) {
      Files.writeString(pkg.resolve("__init__.py"), "");
    }
    Files.copy(GOLDEN.resolve(name + ".input.py"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  static Fixer.Request request(String name, Path file) {
    Codemod kind = name.startsWith("reexport") ? Codemod.REEXPORT
        : name.startsWith("type-checking") ? Codemod.TYPE_CHECKING : Codemod.FUNCTION_LOCAL;
    Style style = name.contains("-pep810") ? Style.PEP810
        : name.contains("-lazy-modules") ? Style.LAZY_MODULES : Style.PEP562;
    return new Fixer.Request(List.of(file.toString()), EnumSet.of(kind), style, name.contains("-py314"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rewritesAsTheGoldenOutputSays(String name) throws Exception {
    Path file = place(temp, name);
    Fixer.FileFix fix = Fixer.planFile(name, file, request(name, file));
    String actual = new String(fix.fixed(), StandardCharsets.UTF_8);
    Path expectedFile = GOLDEN.resolve(name + ".output.py");
    if (Boolean.getBoolean("fix.golden.update")) {
      Files.writeString(expectedFile, actual);
    }
    String input = Files.readString(file);
    assertThat(actual).isEqualTo(Files.readString(expectedFile));
    if (actual.equals(input)) {
      assertThat(fix.refusals()).as("a case that changes nothing must say why").isNotEmpty();
      assertThat(fix.refusals()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    } else {
      assertThat(fix.changes()).isNotEmpty();
      assertThat(fix.diff()).startsWith("--- a/" + name + "\n+++ b/" + name + "\n@@ ");
    }
    // Idempotent: fixing the output again changes nothing.
    Files.writeString(file, actual);
    Fixer.FileFix again = Fixer.planFile(name, file, request(name, file));
    assertThat(again.changed()).as("second run changes nothing").isFalse();
    // The output is valid Python (PEP 810 syntax needs 3.15).
    {
      Path py = name.contains("pep810") ? Pythons.require("3.15") : Pythons.python3();
      Process p = new ProcessBuilder(py.toString(), "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", file.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(out).isZero();
    }
  }

  static Set<String> names() throws IOException {
    return Set.copyOf(cases().toList());
  }
}
