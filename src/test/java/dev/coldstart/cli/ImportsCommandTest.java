package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportsCommandTest {
  @TempDir Path dir;

  @Test
  void printsOneJsonLinePerStatementLikeJsonDumps() throws IOException {
    Path f = Files.writeString(dir.resolve("m.py"), "from .caf\u00e9 import (x as y)\nimport a.b\n");
    CliRun r = CliRun.of("imports", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "{\"file\": \"" + f + "\", \"line\": 1, \"kind\": \"from\", \"module\": \"caf\\u00e9\","
                + " \"level\": 1, \"names\": [{\"name\": \"x\", \"asname\": \"y\"}], \"lazy\": false,"
                + " \"scope\": \"module\", \"type_checking\": false, \"guarded\": false,"
                + " \"conditional\": false}\n"
                + "{\"file\": \"" + f + "\", \"line\": 2, \"kind\": \"import\", \"module\": null,"
                + " \"level\": 0, \"names\": [{\"name\": \"a.b\", \"asname\": null}], \"lazy\": false,"
                + " \"scope\": \"module\", \"type_checking\": false, \"guarded\": false,"
                + " \"conditional\": false}\n");
  }

  @Test
  void walksDirectoriesSortedFilesFirstWithoutFollowingSymlinkedDirs() throws IOException {
    Files.createDirectories(dir.resolve("pkg/sub"));
    Files.writeString(dir.resolve("pkg/b.py"), "import b\n");
    Files.writeString(dir.resolve("pkg/a.py"), "import a\n");
    Files.writeString(dir.resolve("pkg/sub/c.py"), "import c\n");
    Files.writeString(dir.resolve("pkg/z.txt"), "import no\n");
    Files.createSymbolicLink(dir.resolve("pkg/link"), dir.resolve("pkg/sub"));
    CliRun r = CliRun.of("imports", dir.resolve("pkg") + "/", "--jobs", "2");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().map(ImportsDifferentialTest::fileOf))
        .containsExactly(dir + "/pkg/a.py", dir + "/pkg/b.py", dir + "/pkg/sub/c.py");
  }

  @Test
  void missingPathIsAUsageError() {
    CliRun r = CliRun.of("imports", dir.resolve("nope").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("no such file or directory").doesNotContain("\tat ");
  }

  @Test
  void diagnosticsGoToStderrWithFileAndLine() throws IOException {
    Path f = Files.writeString(dir.resolve("bad.py"), "import ok\nfrom x import\n");
    CliRun r = CliRun.of("imports", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).hasSize(1);
    assertThat(r.err()).isEqualTo(f + ":2: invalid import statement\n");
  }
}
