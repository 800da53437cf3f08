package dev.coldstart.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which distribution installed a file, its size, and whether its wheel is platform-specific. */
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
    Distributions.Dist fast =
        d.of(site.resolve("fastcore/_speed.cpython-311-x86_64-linux-gnu.so").toString()).orElseThrow();
    assertThat(fast.name()).isEqualTo("fastcore");
    assertThat(fast.version()).isEqualTo("2.1.0");
    assertThat(fast.tags()).containsExactly("cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64");
    assertThat(fast.platformSpecific()).isTrue();
    assertThat(d.of(site.resolve("purelib.py").toString()).orElseThrow().platformSpecific()).isFalse();
    assertThat(d.of(site.resolve("odd,name.py").toString()).orElseThrow().tags()).isEmpty();
    assertThat(d.of(site.resolve("elsewhere.so").toString())).isEmpty();
  }

  @Test
  void aScanOfSysPathMeasuresEachDistributionAndLooksOnlyThere() throws IOException {
    install("tiny-0.3.dist-info", "tiny/__init__.py,,\ntiny/_c.so,,\ntiny/gone.pyc,,\n", "Root-Is-Purelib: false\n");
    Files.createDirectories(site.resolve("tiny"));
    Files.writeString(site.resolve("tiny/__init__.py"), "x = 1\n");
    Files.write(site.resolve("tiny/_c.so"), new byte[100]);
    Path nested = Files.createDirectories(site.resolve("vendor"));
    Files.createDirectories(nested.resolve("other-1.0.dist-info"));
    Files.writeString(nested.resolve("other-1.0.dist-info/RECORD"), "other.py,,\n");

    Distributions d = Distributions.scan(List.of(site.toString(), site.resolve("missing").toString()));
    Distributions.Dist tiny = d.owner(site.resolve("tiny/_c.so").toString());
    assertThat(tiny.name()).isEqualTo("tiny");
    assertThat(tiny.version()).isEqualTo("0.3");
    assertThat(tiny.files()).isEqualTo(3);
    assertThat(tiny.installedBytes()).isEqualTo(106);
    assertThat(tiny.purelib()).isFalse();
    assertThat(tiny.platformSpecific()).isTrue(); // no tags, but not pure Python
    assertThat(d.owner(site.resolve("tiny/../tiny/__init__.py").toString())).isEqualTo(tiny);
    assertThat(d.owner(nested.resolve("other.py").toString())).isNull(); // vendor/ is not on sys.path
    assertThat(new Distributions().of(nested.resolve("other.py").toString())).isPresent();
  }

  @Test
  void aDistributionWithoutWheelTagsIsPurePythonUnlessItsWheelSaysOtherwise() throws IOException {
    install("plain-1.0.dist-info", "plain.py,,\n", null);
    install("abi3-2.0.dist-info", "abi3.py,,\n", "Tag: cp38-abi3-manylinux_2_17_x86_64\n");
    Distributions d = new Distributions();
    assertThat(d.of(site.resolve("plain.py").toString()).orElseThrow().platformSpecific()).isFalse();
    assertThat(d.of(site.resolve("abi3.py").toString()).orElseThrow().platformSpecific()).isTrue();
  }

  @Test
  void recordPathsAreTheFirstCsvField() {
    assertThat(Distributions.csvFirst("numpy/__init__.py,sha256=abc,123")).isEqualTo("numpy/__init__.py");
    assertThat(Distributions.csvFirst("\"a,b/c.py\",sha256=x,1")).isEqualTo("a,b/c.py");
  }
}
