package dev.coldstart.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpretersTest {
  @TempDir Path tmp;

  @Test
  void probeResolvesTheRealExecutableAndReadsFacts() {
    Interpreter py = Interpreters.locate(Pythons.python3().toString(), System.getenv());
    assertThat(py.executable()).isAbsolute();
    assertThat(py.executable().toString()).doesNotContain("/shims/");
    assertThat(py.version()).matches("3\\.\\d+\\.\\d+");
    assertThat(py.sysPath()).isNotEmpty();
    assertThat(py.supportsImportTime()).isTrue();
  }

  @Test
  void anActiveVirtualenvWinsOverPath() throws Exception {
    Path venvBin = Files.createDirectories(tmp.resolve("venv/bin"));
    Path fake = venvBin.resolve("python");
    Files.writeString(fake, "#!/bin/sh\n");
    fake.toFile().setExecutable(true);
    Path resolved = Interpreters.resolve(null, Map.of("VIRTUAL_ENV", tmp.resolve("venv").toString(), "PATH", "/usr/bin"));
    assertThat(resolved).isEqualTo(fake);
  }

  @Test
  void aDirectoryMeansItsBinPython() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("env/bin"));
    Path fake = bin.resolve("python3");
    Files.writeString(fake, "#!/bin/sh\n");
    fake.toFile().setExecutable(true);
    assertThat(Interpreters.resolve(tmp.resolve("env").toString(), Map.of())).isEqualTo(fake);
  }

  @Test
  void missingOrBrokenInterpretersAreTargetErrors() throws Exception {
    assertThatThrownBy(() -> Interpreters.resolve("no-such-python-xyz", Map.of("PATH", tmp.toString())))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no Python interpreter named");
    assertThatThrownBy(() -> Interpreters.resolve(null, Map.of("PATH", tmp.toString())))
        .hasMessageContaining("no python3 on PATH");
    Path notPython = tmp.resolve("fakepython");
    Files.writeString(notPython, "#!/bin/sh\necho hello\n");
    notPython.toFile().setExecutable(true);
    assertThatThrownBy(() -> Interpreters.probe(notPython))
        .isInstanceOf(UserError.class)
        .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(ExitCode.TARGET))
        .hasMessageContaining("does not look like a Python interpreter");
  }
}
