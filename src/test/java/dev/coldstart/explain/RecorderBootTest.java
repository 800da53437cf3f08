package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.python.CacheRoot;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** record_boot.py: the recorder run from its kept compiled code records exactly what it records run directly. */
class RecorderBootTest {
  @TempDir Path temp;

  private static void assertSameLog(Path actual, Path expected) {
    ImportLog a = ImportLog.read(actual);
    ImportLog e = ImportLog.read(expected);
    assertThat(a.complete()).isTrue();
    assertThat(a.calls()).isEqualTo(e.calls());
    assertThat(a.loads()).isEqualTo(e.loads());
    assertThat(a.modules()).isEqualTo(e.modules());
  }

  /** Records the test run directly into direct.jsonl; returns the plain run's result. */
  private TestProject.Result plainAfterDirectRecording(TestProject project) {
    project.recorded(temp.resolve("direct.jsonl"), "main.py", "x");
    return project.plain("main.py", "x");
  }

  @ParameterizedTest
  @MethodSource("dev.coldstart.explain.TestProject#versions")
  void aMissThenAHitRecordWhatTheRecorderRecordsDirectly(String version) throws IOException {
    TestProject project = TestProject.create(temp, version);
    Path cache = temp.resolve("recorder.code");
    TestProject.Result plain = project.plain("main.py", "x");
    TestProject.Result direct = project.recorded(temp.resolve("direct.jsonl"), "main.py", "x");
    TestProject.Result miss = project.recordedThroughBoot(temp.resolve("miss.jsonl"), cache, "main.py", "x");
    assertThat(cache).isRegularFile();
    byte[] kept = Files.readAllBytes(cache);
    FileTime written = Files.getLastModifiedTime(cache);
    TestProject.Result hit = project.recordedThroughBoot(temp.resolve("hit.jsonl"), cache, "main.py", "x");

    // The target sees the same run: output, errors and exit status.
    assertThat(direct).isEqualTo(plain);
    assertThat(miss).isEqualTo(plain);
    assertThat(hit).isEqualTo(plain);
    assertSameLog(temp.resolve("miss.jsonl"), temp.resolve("direct.jsonl"));
    assertSameLog(temp.resolve("hit.jsonl"), temp.resolve("direct.jsonl"));
    // The hit read the cache and left it alone; no temporary file is left behind.
    assertThat(Files.readAllBytes(cache)).isEqualTo(kept);
    assertThat(Files.getLastModifiedTime(cache)).isEqualTo(written);
    try (Stream<Path> files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aDamagedCacheOrOneOfAnotherPythonIsReplaced() throws IOException {
    TestProject project = TestProject.create(temp, "3.11.7");
    Path cache = temp.resolve("recorder.code");
    TestProject.Result plain = plainAfterDirectRecording(project);

    Files.write(cache, new byte[] {1, 2, 3});
    assertThat(project.recordedThroughBoot(temp.resolve("damaged.jsonl"), cache, "main.py", "x")).isEqualTo(plain);
    assertSameLog(temp.resolve("damaged.jsonl"), temp.resolve("direct.jsonl"));
    byte[] good = Files.readAllBytes(cache);
    assertThat(good.length).isGreaterThan(10_000);

    // The right magic number with a truncated body: compiled again.
    Files.write(cache, Arrays.copyOf(good, good.length / 2));
    assertThat(project.recordedThroughBoot(temp.resolve("cut.jsonl"), cache, "main.py", "x")).isEqualTo(plain);
    assertSameLog(temp.resolve("cut.jsonl"), temp.resolve("direct.jsonl"));
    assertThat(Files.readAllBytes(cache)).isEqualTo(good);

    // Code compiled by another Python version (another magic number) is not run.
    byte[] other = good.clone();
    other[0] ^= 0x55;
    Files.write(cache, other);
    assertThat(project.recordedThroughBoot(temp.resolve("other.jsonl"), cache, "main.py", "x")).isEqualTo(plain);
    assertSameLog(temp.resolve("other.jsonl"), temp.resolve("direct.jsonl"));
    assertThat(Files.readAllBytes(cache)).isEqualTo(good);
  }

  @Test
  void aCacheThatCannotBeWrittenOnlyMeansCompilingEachTime() throws IOException {
    TestProject project = TestProject.create(temp, "3.11.7");
    Path cache = temp.resolve("no-such-dir/recorder.code");
    TestProject.Result plain = plainAfterDirectRecording(project);
    assertThat(project.recordedThroughBoot(temp.resolve("boot.jsonl"), cache, "main.py", "x")).isEqualTo(plain);
    assertSameLog(temp.resolve("boot.jsonl"), temp.resolve("direct.jsonl"));
    assertThat(cache).doesNotExist();
  }

  @Test
  void theCacheFileIsPerPythonVersionUnderTheCacheRootAndOffMeansTheScriptAlone() throws IOException {
    Interpreter py = Interpreters.probe(TestProject.python("3.11.7"));
    Path script = temp.resolve("helper/record_imports.py");
    Map<String, String> env = Map.of(CacheRoot.VARIABLE, temp.resolve("cache").toString());
    List<String> boot = RecorderScript.invocation(py, script, env);
    assertThat(boot).hasSize(3);
    assertThat(boot.get(0)).isEqualTo(temp.resolve("helper/record_boot.py").toString());
    assertThat(Path.of(boot.get(1)).getParent()).isEqualTo(temp.resolve("cache/recorder")).isDirectory();
    assertThat(Path.of(boot.get(1)).getFileName().toString()).contains("3.11.7").endsWith(".code");
    assertThat(boot.get(2)).isEqualTo(script.toString());

    Interpreter other = Interpreters.probe(TestProject.python("3.12.1"));
    assertThat(RecorderScript.invocation(other, script, env).get(1)).isNotEqualTo(boot.get(1));

    assertThat(RecorderScript.invocation(py, script, Map.of(CacheRoot.VARIABLE, "off")))
        .containsExactly(script.toString());
    // A recorder directory that others may write to (or a link) is not used: its code would be run.
    Path shared = temp.resolve("shared");
    Files.createDirectories(shared.resolve("recorder"));
    Files.setPosixFilePermissions(shared.resolve("recorder"), PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(RecorderScript.invocation(py, script, Map.of(CacheRoot.VARIABLE, shared.toString())))
        .containsExactly(script.toString());
    Path linked = temp.resolve("linked");
    Files.createDirectories(linked);
    Files.createSymbolicLink(linked.resolve("recorder"), temp.resolve("cache/recorder"));
    assertThat(RecorderScript.invocation(py, script, Map.of(CacheRoot.VARIABLE, linked.toString())))
        .containsExactly(script.toString());
    // The one it makes is this user's alone.
    assertThat(Files.getPosixFilePermissions(temp.resolve("cache/recorder")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    // A cache root that is a file: no cache, no failure.
    Path file = temp.resolve("plain-file");
    Files.writeString(file, "x");
    assertThat(RecorderScript.invocation(py, script, Map.of(CacheRoot.VARIABLE, file.toString())))
        .containsExactly(script.toString());
  }
}
