package dev.coldstart.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The freshness check agrees with what CPython itself writes. */
class BytecodeCachesTest {
  @TempDir Path dir;

  @Test
  void aCacheCompiledByPythonIsFreshUntilTheSourceChanges() throws Exception {
    Interpreter py = Interpreters.probe(Pythons.require("3.11"));
    Path pkg = dir.resolve("pkg");
    Files.createDirectories(pkg);
    Path a = pkg.resolve("a.py");
    Path b = pkg.resolve("b.py");
    Files.writeString(a, "x = 1\n");
    Files.writeString(b, "y = 2\n");
    assertThat(BytecodeCaches.state(a, "cpython-311")).isEqualTo(BytecodeCaches.State.MISSING);
    assertThat(
            PythonProcess.builder(py.executable(), List.of("-m", "py_compile", a.toString(), b.toString()))
                .env("PYTHONDONTWRITEBYTECODE", null)
                .timeout(Duration.ofSeconds(30))
                .run()
                .ok())
        .isTrue();
    assertThat(BytecodeCaches.state(a, "cpython-311")).isEqualTo(BytecodeCaches.State.FRESH);
    Files.writeString(b, "y = 3  # edited\n");
    Files.setLastModifiedTime(b, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertThat(BytecodeCaches.state(b, "cpython-311")).isEqualTo(BytecodeCaches.State.STALE);

    Interpreter withPath =
        new Interpreter(py.executable(), py.version(), py.versionLine(), py.implementation(), py.prefix(),
            py.basePrefix(), List.of(dir.toString()), true, py.machine(), py.extSuffix(), py.layout());
    List<String> notes = BytecodeCaches.notes(withPath, List.of(a.toString(), b.toString(), pkg.resolve("gone.py").toString()));
    assertThat(notes).singleElement().asString().contains("1 of 2 loaded source modules").contains("pkg (1 stale)");
  }
}
