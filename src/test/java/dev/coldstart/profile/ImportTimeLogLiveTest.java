package dev.coldstart.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.profile.ImportTimeLog.Support;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the interpreters found on this machine and parses what they print now, so a new patch
 * release that changes the format shows up. Absent interpreters are skipped.
 */
class ImportTimeLogLiveTest {
  static final Path PYENV = Path.of("/root/.pyenv/versions");

  static byte[] stderrOf(Path python, String code) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of(python.toString(), "-X", "importtime", "-c", code))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    process.getOutputStream().close();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return err;
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"})
  void supportedInterpretersGiveAConsistentForest(String version) throws Exception {
    Path python = dev.coldstart.testing.Pythons.require(version);
    ImportTimeLog log =
        ImportTimeLog.parse(
            stderrOf(python, "import sys; print('hello', file=sys.stderr); import asyncio"));
    assertThat(log.support()).isEqualTo(Support.SUPPORTED);
    assertThat(log.warnings()).isEmpty();
    assertThat(log.otherLines()).extracting(ImportTimeLog.OtherLine::text).containsExactly("hello");
    assertThat(log.roots()).extracting(ImportTimeLog.Node::module).contains("site", "asyncio");
    ImportTimeLogTest.assertConsistent(log);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.6.15/bin/python3", "2.7.18/bin/python"})
  void olderInterpretersAreDetected(String executable) throws Exception {
    Path python = PYENV.resolve(executable);
    assumeTrue(Files.isExecutable(python), "no " + python);
    Support support = ImportTimeLog.parse(stderrOf(python, "import json")).support();
    assertThat(support)
        .isEqualTo(executable.startsWith("2.") ? Support.FLAG_REJECTED : Support.FLAG_IGNORED);
    assertThat(support.message())
        .startsWith("this interpreter does not support -X importtime (Python 3.7+ needed)");
  }
}
