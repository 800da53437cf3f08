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
  void noTokenWithANonLoopbackHostIsRefused() {
    CliRun r = CliRun.of("serve", "--no-token", "--host", "0.0.0.0", "--port", "0", "--dir", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--no-token only with a loopback --host").contains("0.0.0.0").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void tokenAndNoTokenTogetherAreRefused() {
    CliRun r = CliRun.of("serve", "--no-token", "--token", "abcdefghijklmnopq", "--port", "0", "--dir", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("give --token or --no-token, not both");
  }

  @Test
  void aShortOrUnsafeTokenIsRefused() {
    for (String bad : new String[] {"short", "sixteen chars ok", "semicolon;cookie-break"}) {
      CliRun r = CliRun.of("serve", "--token", bad, "--port", "0", "--dir", dir.toString());
      assertThat(r.exit()).as(bad).isEqualTo(2);
      assertThat(r.err()).contains("--token must be 16 to 256 characters").doesNotContain(bad);
    }
  }

  @Test
  void aProfileFolderOthersMayWriteIsRefused() throws Exception {
    Path store = java.nio.file.Files.createDirectory(dir.resolve(".coldstart"));
    java.nio.file.Files.setPosixFilePermissions(store, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    CliRun r = CliRun.of("serve", "--port", "0", "--dir", dir.toString(), "--python", Pythons.python3().toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(".coldstart is writable by other users").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpListsTheVerb() {
    CliRun r = CliRun.of("--help");
    assertThat(r.out()).containsPattern("serve +Local dashboard");
  }
}
