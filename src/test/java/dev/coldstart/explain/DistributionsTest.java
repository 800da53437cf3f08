package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.profile.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which distribution installed a file, and whether its wheel is platform-specific. */
class DistributionsTest {
  @TempDir Path site;

  private void install(String distInfo, String record, String wheel) throws IOException {
    Path info = Files.createDirectories(site.resolve(distInfo));
    Files.writeString(info.resolve("RECORD"), record);
    if (wheel != null) {
      Files.writeString(info.resolve("WHEEL"), wheel);
    }
  }

  @Test
  void anExtensionFromAPlatformWheelIsMarked() throws IOException {
    install(
        "fastcore-2.1.0.dist-info",
        "fastcore/__init__.py,sha256=x,10\nfastcore/_speed.cpython-311-x86_64-linux-gnu.so,sha256=y,99\n",
        "Wheel-Version: 1.0\nTag: cp311-cp311-manylinux_2_17_x86_64\nTag: cp311-cp311-manylinux2014_x86_64\n");
    install("purelib-1.0.dist-info", "purelib.py,,\n", "Wheel-Version: 1.0\nTag: py3-none-any\n");
    install("\"odd-0.1.dist-info", "\"odd,name.py\",sha256=z,1\n", null);
    Distributions d = new Distributions();
    Profile.Distribution fast =
        d.of(site.resolve("fastcore/_speed.cpython-311-x86_64-linux-gnu.so").toString()).orElseThrow();
    assertThat(fast.name()).isEqualTo("fastcore");
    assertThat(fast.version()).isEqualTo("2.1.0");
    assertThat(fast.tags()).containsExactly("cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64");
    assertThat(fast.platformSpecific()).isTrue();
    assertThat(d.of(site.resolve("purelib.py").toString()).orElseThrow().platformSpecific()).isFalse();
    assertThat(d.of(site.resolve("odd,name.py").toString()).orElseThrow().tags()).isEmpty();
    assertThat(d.of(site.resolve("elsewhere.so").toString())).isEmpty();
  }
}
