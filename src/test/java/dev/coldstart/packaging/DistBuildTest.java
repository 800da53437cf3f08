package dev.coldstart.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistBuildTest {
  @Test
  void mavenSnapshotsAreDevReleases() {
    assertThat(DistBuild.pep440("0.1.0-SNAPSHOT")).isEqualTo("0.1.0.dev0");
    assertThat(DistBuild.pep440("1.2.3")).isEqualTo("1.2.3");
    assertThatThrownBy(() -> DistBuild.pep440("1.0-beta-2")).hasMessageContaining("PEP 440");
  }

  @Test
  void recordListsSha256InUrlsafeBase64WithoutPaddingAndItselfWithoutHash() {
    // sha256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
    var e = new Archive.Entry("x/hello.txt", "hello".getBytes(StandardCharsets.UTF_8), 0644, Instant.EPOCH);
    assertThat(DistBuild.record(List.of(e), "x.dist-info/RECORD")).isEqualTo("""
        x/hello.txt,sha256=LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ,5
        x.dist-info/RECORD,,
        """);
  }

  @Test
  void wheelFileHasOneTagLinePerPlatformOfACompressedTagSet() {
    assertThat(DistBuild.wheelFile("py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64")).isEqualTo("""
        Wheel-Version: 1.0
        Generator: coldstart DistBuild
        Root-Is-Purelib: false
        Tag: py3-none-manylinux_2_17_x86_64
        Tag: py3-none-manylinux2014_x86_64
        """);
  }

  @Test
  void launcherGetsTheJarTimeInTouchFormat() {
    String s = DistBuild.launcher("touch -m -t @@JAR_MTIME_TOUCH@@ # @@JAR_MTIME_UTC@@", Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(s).isEqualTo("touch -m -t 202601020304.05 # 2026-01-02T03:04:05Z");
  }
}
