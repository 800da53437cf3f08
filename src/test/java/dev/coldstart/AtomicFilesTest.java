package dev.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void aNewFileIsReadableByOthersAndAnExistingOneKeepsItsMode() throws Exception {
    Path fresh = tmp.resolve("a/b/report.txt");
    AtomicFiles.write(fresh, "one".getBytes(StandardCharsets.UTF_8));
    assertThat(fresh).hasContent("one");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
    Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-x---"));
    AtomicFiles.write(fresh, "two".getBytes(StandardCharsets.UTF_8));
    assertThat(fresh).hasContent("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwxr-x---");
    try (var s = Files.list(fresh.getParent())) {
      assertThat(s.toList()).containsExactly(fresh);
    }
  }

  @Test
  void aPipeIsWrittenInPlaceNotReplacedByAFile() throws Exception {
    Path fifo = tmp.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    byte[][] got = new byte[1][];
    Thread reader = Thread.ofPlatform().start(() -> {
      try {
        got[0] = Files.readAllBytes(fifo);
      } catch (java.io.IOException e) {
        got[0] = new byte[0];
      }
    });
    AtomicFiles.write(fifo, "through the pipe".getBytes(StandardCharsets.UTF_8));
    reader.join(10_000);
    assertThat(new String(got[0], StandardCharsets.UTF_8)).isEqualTo("through the pipe");
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(Files.exists(fifo)).isTrue();
  }
}
