package dev.coldstart.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archives read back by other tools: java.util.zip, Python's zipfile, GNU tar. */
class ArchiveTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final String LONG = "coldstart-0.1.0.dev0/lib/coldstart/runtime/legal/" + "x".repeat(60) + "/ADDITIONAL_LICENSE_INFO";
  private static final List<Archive.Entry> ENTRIES = List.of(
      new Archive.Entry("bin/coldstart", "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8), 0755, T),
      new Archive.Entry("lib/coldstart/coldstart.aot", new byte[70_000], 0644, T.plusSeconds(1)),
      new Archive.Entry(LONG, "licence".getBytes(StandardCharsets.UTF_8), 0644, T));

  @Test
  void zipKeepsContentsModesAndUtcTimesAndIsTheSameTwice(@TempDir Path tmp) throws Exception {
    Path a = tmp.resolve("a.zip");
    Path b = tmp.resolve("b.zip");
    Archive.writeZip(a, ENTRIES);
    Archive.writeZip(b, ENTRIES);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    try (ZipFile z = new ZipFile(a.toFile())) {
      assertThat(z.stream().map(e -> e.getName())).containsExactly("bin/coldstart", "lib/coldstart/coldstart.aot", LONG);
      assertThat(z.getInputStream(z.getEntry(LONG)).readAllBytes()).isEqualTo("licence".getBytes(StandardCharsets.UTF_8));
      assertThat(z.getInputStream(z.getEntry("lib/coldstart/coldstart.aot")).readAllBytes()).hasSize(70_000);
    }
    // Python's zipfile (what pip uses): Unix modes from the external attributes, the time as given
    String py = "import zipfile,sys\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(oct(i.external_attr >> 16), i.date_time, i.filename)";
    Process p = new ProcessBuilder("python3", "-c", py, a.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out.lines()).containsExactly(
        "0o100755 (2026, 1, 1, 0, 0, 0) bin/coldstart",
        "0o100644 (2026, 1, 1, 0, 0, 0) lib/coldstart/coldstart.aot",
        "0o100644 (2026, 1, 1, 0, 0, 0) " + LONG);
  }

  @Test
  void tarballExtractsWithModesTimesAndLongPaths(@TempDir Path tmp) throws Exception {
    Path tgz = tmp.resolve("a.tar.gz");
    Archive.writeTarGz(tgz, ENTRIES);
    Path x = Files.createDirectories(tmp.resolve("x"));
    Process p = new ProcessBuilder("tar", "-xzf", tgz.toString(), "-C", x.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(x.resolve("bin/coldstart")))).startsWith("rwx");
    assertThat(Files.getLastModifiedTime(x.resolve("bin/coldstart")).toInstant()).isEqualTo(T);
    assertThat(Files.getLastModifiedTime(x.resolve("lib/coldstart/coldstart.aot")).toInstant()).isEqualTo(T.plusSeconds(1));
    assertThat(Files.readString(x.resolve(LONG))).isEqualTo("licence");
    assertThat(Files.size(x.resolve("lib/coldstart/coldstart.aot"))).isEqualTo(70_000);
  }
}
