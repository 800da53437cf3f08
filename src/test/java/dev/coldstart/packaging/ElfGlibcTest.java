package dev.coldstart.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfGlibcTest {
  private static final Path LIBJVM = Path.of(System.getProperty("java.home"), "lib/server/libjvm.so");

  @Test
  void findsTheNewestGlibcVersionObjdumpReports() throws Exception {
    assumeTrue(Files.isRegularFile(LIBJVM), "a Linux JDK");
    ProcessBuilder pb = new ProcessBuilder("objdump", "-T", LIBJVM.toString());
    Process p;
    try {
      p = pb.redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no objdump (binutils)");
      return;
    }
    String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    TreeSet<ElfGlibc.Version> seen = new TreeSet<>();
    Matcher m = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)").matcher(dump);
    while (m.find()) {
      seen.add(new ElfGlibc.Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    assertThat(seen).isNotEmpty();
    assertThat(ElfGlibc.newestIn(LIBJVM)).contains(seen.last());
  }

  @Test
  void aFileThatIsNotElfNeedsNothing(@TempDir Path tmp) throws Exception {
    Path script = Files.writeString(tmp.resolve("coldstart"), "#!/bin/sh\n" + "exec true\n".repeat(20));
    assertThat(ElfGlibc.newestIn(script)).isEqualTo(Optional.empty());
    assertThat(ElfGlibc.newestUnder(tmp)).isEqualTo(Optional.empty());
  }

  @Test
  void platformTagsNameTheLegacyAliasUpTo217() {
    assertThat(ElfGlibc.platformTag(new ElfGlibc.Version(2, 17), "x86_64"))
        .isEqualTo("manylinux_2_17_x86_64.manylinux2014_x86_64");
    assertThat(ElfGlibc.platformTag(new ElfGlibc.Version(2, 28), "aarch64")).isEqualTo("manylinux_2_28_aarch64");
    assertThat(new ElfGlibc.Version(2, 9)).isLessThan(new ElfGlibc.Version(2, 17));
  }
}
