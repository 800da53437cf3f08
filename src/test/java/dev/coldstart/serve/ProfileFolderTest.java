package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .coldstart/}: created 0700; refused when others own it or may write to it; warned about when they may read it. */
class ProfileFolderTest {
  @TempDir Path dir;

  @Test
  void theProfileFolderIsCreatedOwnerOnly() throws Exception {
    try (ServerFixture f = new ServerFixture(dir)) {
      assertThat(dir.resolve(".coldstart")).doesNotExist();
      assertThat(RawHttp.postJson(f.url, "/api/profile", ServerFixture.startBody("-c pass", 1)).status()).isEqualTo(202);
      assertThat(f.outcomes.poll(90, TimeUnit.SECONDS).status()).isEqualTo("finished");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".coldstart")))).isEqualTo("rwx------");
  }

  @Test
  void aFolderOthersMayWriteIsRefused() throws Exception {
    Path store = Files.createDirectory(dir.resolve(".coldstart"));
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> new ServerFixture(dir))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is writable by other users (rwxrwxrwx)")
        .hasMessageContaining("chmod 700");
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxrwx---"));
    assertThatThrownBy(() -> new ServerFixture(dir)).hasMessageContaining("writable by other users");
  }

  @Test
  void aFolderOthersMayReadIsWarnedAbout() throws Exception {
    Path store = Files.createDirectory(dir.resolve(".coldstart"));
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ServerFixture f = new ServerFixture(dir)) {
      assertThat(f.log).anyMatch(l -> l.startsWith("warning: " + store) && l.contains("readable by other users"));
    }
  }

  @Test
  void aFolderOfAnotherUserIsRefused() throws Exception {
    assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "only root can give a folder away");
    Path store = Files.createDirectory(dir.resolve(".coldstart"));
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwx------"));
    Files.setAttribute(store, "unix:uid", 65534);
    assertThatThrownBy(() -> new ServerFixture(dir)).isInstanceOf(UserError.class).hasMessageContaining("not to you");
  }
}
