package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s refusals, through the CLI seam (it fails before it would start serving). */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void aMissingDirectoryIsAUsageError() {
    CliRun r = CliRun.of("serve", "--port", "0", "--dir", dir.resolve("nope").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is not a directory").doesNotContain("\tat ");
  }

  @Test
  void aPortOutOfRangeIsAUsageError() {
    CliRun r = CliRun.of("serve", "--port", "70000", "--dir", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--port must be between 0 and 65535");
  }

  @Test
  void aPortInUseIsAUsageError() throws Exception {
    Path py = Pythons.python3();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun r =
          CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()), "--dir", dir.toString(), "--python", py.toString());
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
    }
  }

  @Test
  void aMissingInterpreterIsATargetError() {
    CliRun r = CliRun.of("serve", "--port", "0", "--dir", dir.toString(), "--python", dir.resolve("python9").toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void helpListsTheVerb() {
    CliRun r = CliRun.of("--help");
    assertThat(r.out()).containsPattern("serve +Local dashboard");
  }
}
