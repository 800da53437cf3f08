package dev.coldstart.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner never throws and always terminates. {@link #scannerNeverThrowsAndTerminates} is a
 * Jazzer fuzz test: in CI (regression mode) it replays the committed seed corpus under
 * src/test/resources/dev/coldstart/source/SourceScannerFuzzTestInputs/; with JAZZER_FUZZ=1 it
 * fuzzes. {@link #seededMutationsNeverBreakTheScanner} mutates the samples with a fixed seed on
 * every build, so fresh inputs are tried even without a fuzzing run.
 */
class SourceScannerFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void scannerNeverThrowsAndTerminates(byte[] input) {
    assertScansCleanly(input);
  }

  static void assertScansCleanly(byte[] input) {
    ModuleFacts facts =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SourceScanner.scan(input));
    assertThat(facts.diagnostics())
        .noneMatch(d -> d.message().startsWith(SourceScanner.INTERNAL));
    for (ImportStatement s : facts.imports()) {
      assertThat(s.line()).isPositive();
      assertThat(s.endLine()).isGreaterThanOrEqualTo(s.line());
      assertThat(s.names()).isNotEmpty();
    }
  }

  @Test
  void seededMutationsNeverBreakTheScanner() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (String name : List.of("flags.py", "strings.py", "pep701.py", "newlines.py")) {
      try (InputStream in = getClass().getResourceAsStream("/source/samples/" + name)) {
        seeds.add(in.readAllBytes());
      }
    }
    byte[] alphabet = "\"'{}()[]:;\\\n\r\t #fFrRbBtT=.,*@\u00ff".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1);
    Random random = new Random(20240531L);
    for (int i = 0; i < 2000; i++) {
      byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
      for (int m = 1 + random.nextInt(8); m > 0 && b.length > 0; m--) {
        int at = random.nextInt(b.length);
        switch (random.nextInt(4)) {
          case 0 -> b[at] = alphabet[random.nextInt(alphabet.length)];
          case 1 -> b = splice(b, at, at + Math.min(b.length - at, random.nextInt(20)), new byte[0]);
          case 2 -> b = splice(b, at, at, new byte[] {alphabet[random.nextInt(alphabet.length)]});
          default -> {
            int from = random.nextInt(b.length);
            int len = Math.min(b.length - from, random.nextInt(200));
            b = splice(b, at, at, Arrays.copyOfRange(b, from, from + len));
          }
        }
      }
      assertScansCleanly(b);
    }
  }

  private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }

  @Test
  void scanTimeGrowsLinearlyFrom1To10Megabytes() {
    for (String shape : List.of("lines", "one bracket", "nested blocks")) {
      byte[] small = generate(shape, 1 << 20);
      byte[] big = generate(shape, 10 << 20);
      for (int i = 0; i < 3; i++) {
        SourceScanner.scan(small); // warm up the JIT
      }
      long t1 = best(small);
      long t10 = best(big);
      double ratio = (double) t10 / t1;
      System.out.printf("%s: 1 MB %.1f ms, 10 MB %.1f ms, ratio %.1f%n", shape, t1 / 1e6, t10 / 1e6,
          ratio);
      assertThat(ratio).as(shape).isLessThan(20);
    }
  }

  /** Least CPU time of 7 scans: thread CPU time, so other processes on the machine do not count. */
  private static long best(byte[] src) {
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      ModuleFacts f = SourceScanner.scan(src);
      best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
      assertThat(f.imports()).isNotEmpty();
    }
    return best;
  }

  /** Python source of about size bytes in one of three shapes. */
  static byte[] generate(String shape, int size) {
    StringBuilder sb = new StringBuilder(size + 1000);
    int i = 0;
    switch (shape) {
      case "lines" -> {
        while (sb.length() < size) {
          sb.append("import os.path as p").append(i).append('\n')
              .append("try:\n    from .m").append(i).append(" import (a, b as c)\n")
              .append("except ImportError:\n    pass\n")
              .append("def f").append(i).append("(x=lambda: 1):\n")
              .append("    s = f\"{x!r:>{10}} {'nested'}\" + '''tri\nple''' # c\n")
              .append("    if TYPE_CHECKING: import t; import u\n");
          i++;
        }
      }
      case "one bracket" -> {
        sb.append("x = [\n");
        while (sb.length() < size) {
          sb.append("  f'{a[\"k\"]}', (1, 2), {3: 4}, lambda y: y, \"\"\"s\"\"\",\n");
        }
        sb.append("]; import after\n");
      }
      default -> {
        while (sb.length() < size) {
          for (int d = 0; d < 50; d++) {
            sb.append(" ".repeat(d)).append("if x:\n");
          }
          sb.append(" ".repeat(50)).append("import deep\n");
        }
      }
    }
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
