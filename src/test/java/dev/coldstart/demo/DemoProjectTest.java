package dev.coldstart.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoProjectTest {
  @TempDir Path tmp;

  @Test
  void theIndexListsEveryFileOfTheSampleProject() throws Exception {
    Path src = Path.of("src/main/resources/dev/coldstart/demo");
    try (Stream<Path> s = Files.walk(src)) {
      var onDisk =
          s.filter(Files::isRegularFile)
              .map(p -> src.relativize(p).toString())
              .filter(p -> !p.equals("files.txt") && !p.contains("__pycache__"))
              .sorted()
              .toList();
      assertThat(DemoProject.files()).containsExactlyInAnyOrderElementsOf(onDisk);
    }
  }

  @Test
  void unpackWritesTheProject() throws Exception {
    DemoProject.unpack(tmp);
    assertThat(tmp.resolve("fleet/__init__.py")).content().contains("from .protocols import");
    assertThat(tmp.resolve("fleet/version.py")).hasContent("VERSION = \"1.4.2\"\n");
  }
}
