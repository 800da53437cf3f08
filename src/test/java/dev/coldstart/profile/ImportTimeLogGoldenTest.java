package dev.coldstart.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code src/test/resources/importtime/*.log} parsed and dumped, compared with its reviewed
 * {@code *.expected.txt}. {@code -Dcoldstart.regenerate=true} rewrites the expected files instead
 * (review the diff before committing).
 */
class ImportTimeLogGoldenTest {
  static final Path DIR = Path.of("src/test/resources/importtime");

  static Stream<String> logs() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".log"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logs")
  void parsesToTheReviewedDump(String name) throws IOException {
    String dump = ImportTimeLogDump.of(ImportTimeLog.parse(Files.readAllBytes(DIR.resolve(name))));
    Path expected = DIR.resolve(name.replaceFirst("\\.log$", ".expected.txt"));
    if (Boolean.getBoolean("coldstart.regenerate")) {
      Files.writeString(expected, dump, StandardCharsets.UTF_8);
    }
    assertThat(expected).as("expected dump; create it with -Dcoldstart.regenerate=true").exists();
    assertThat(dump).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
