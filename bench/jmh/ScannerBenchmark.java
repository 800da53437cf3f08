package dev.coldstart.bench;

import dev.coldstart.source.ModuleFacts;
import dev.coldstart.source.SourceScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The static scanner's inner loop on one core: {@link SourceScanner#scan(byte[])} over a fixed
 * sample of real Python files held in memory (no I/O, no output), one operation = the whole sample.
 * bench/scanner-jmh.sh turns the time per operation into MB/s per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScannerBenchmark {
  /** A directory of Python files; every *.py under it is in the sample. */
  @Param("/root/.pyenv/versions/3.11.7/lib/python3.11")
  public String tree;

  private List<byte[]> files;

  @Setup
  public void read() throws IOException {
    files = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> s = Files.walk(Path.of(tree))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".py")
          && !p.toString().contains("/site-packages/") && Files.isRegularFile(p)).sorted().toList()) {
        byte[] b = Files.readAllBytes(p);
        files.add(b);
        bytes += b.length;
      }
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no Python files under " + tree);
    }
    // One line the script reads to turn ms/op into MB/s.
    System.out.println("sample: " + files.size() + " files " + bytes + " bytes");
  }

  @Benchmark
  public void scanSample(Blackhole bh) {
    for (byte[] b : files) {
      ModuleFacts f = SourceScanner.scan(b);
      bh.consume(f);
    }
  }
}
