package dev.coldstart.fix;

import dev.coldstart.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL a JVM running {@code fix --apply} over many files at random moments: every file must be
 * exactly its old or its new contents, never empty, truncated or mixed.
 */
class AtomicApplyKillTest {
  @TempDir Path temp;

  @Test
  void killDuringApplyLeavesEveryFileOldOrNew() throws Exception {
    int packages = 120;
    Path root = temp.resolve("tree");
    Map<Path, byte[]> old = new HashMap<>();
    for (int i = 0; i < packages; i++) {
      Path p = root.resolve("p" + i);
      Files.createDirectories(p);
      Files.writeString(p.resolve("a.py"), "class A:\n    pass\n");
      String init = "\"\"\"Package " + i + ".\"\"\"\nfrom .a import A\n\n__all__ = [\"A\"]\n" + "# padding\n".repeat(i % 50);
      old.put(p.resolve("__init__.py"), init.getBytes(StandardCharsets.UTF_8));
    }
    Map<Path, byte[]> fresh = new HashMap<>();
    reset(old);
    Fixer.Request req = new Fixer.Request(List.of(root.toString()), EnumSet.of(Codemod.REEXPORT), Style.PEP562, false);
    for (Fixer.FileFix f : Fixer.plan(req)) {
      if (f.file().getFileName().toString().equals("__init__.py")) {
        assertThat(f.changed()).isTrue();
        fresh.put(f.file(), f.fixed());
      }
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Random random = new Random(42);
    int sawMixed = 0;
    for (int round = 0; round < 6; round++) {
      reset(old);
      Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.coldstart.cli.Main",
          "fix", "--apply", root.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      // Wait until the first file changes (the JVM is up and writing), then kill after a random delay.
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline && p.isAlive() && countNew(fresh) == 0) {
        Thread.sleep(1);
      }
      Thread.sleep(random.nextInt(40));
      p.destroyForcibly(); // SIGKILL on Linux
      p.waitFor();
      int newCount = 0;
      for (var e : old.entrySet()) {
        byte[] now = Files.readAllBytes(e.getKey());
        boolean isOld = java.util.Arrays.equals(now, e.getValue());
        boolean isNew = java.util.Arrays.equals(now, fresh.get(e.getKey()));
        assertThat(isOld || isNew).as(e.getKey() + " is neither old nor new after kill in round " + round).isTrue();
        newCount += isNew ? 1 : 0;
      }
      if (newCount > 0 && newCount < packages) {
        sawMixed++;
      }
    }
    System.out.println("kill rounds that stopped mid-way: " + sawMixed + " of 6");
  }

  private static int countNew(Map<Path, byte[]> fresh) throws Exception {
    int n = 0;
    for (var e : fresh.entrySet()) {
      if (java.util.Arrays.equals(Files.readAllBytes(e.getKey()), e.getValue())) {
        n++;
      }
    }
    return n;
  }

  private static void reset(Map<Path, byte[]> old) throws Exception {
    List<Path> tmps = new ArrayList<>();
    for (var e : old.entrySet()) {
      Files.write(e.getKey(), e.getValue());
      try (var s = Files.list(e.getKey().getParent())) {
        s.filter(x -> x.getFileName().toString().contains(AtomicFiles.TEMP_MARK)).forEach(tmps::add);
      }
    }
    for (Path t : tmps) {
      Files.deleteIfExists(t);
    }
  }
}
