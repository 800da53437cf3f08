package dev.coldstart.limits;

import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Evicts a fixed set of files from the page cache before each run, and checks it worked. Java has
 * no fadvise, so the work is done by {@code evict.py} in the target interpreter ({@code -I -S}: no
 * site, ~20 ms): {@code posix_fadvise(POSIX_FADV_DONTNEED)} per file, with {@code mincore(2)}
 * before and after. The few files that helper maps itself (the interpreter binary, libpython,
 * libc) cannot be dropped while it runs; they are dropped after it exits with {@code dd
 * iflag=nocache count=0} (GNU coreutils) and measured with {@code fincore} (util-linux) when those
 * exist. Pages mapped by any other running process stay resident whatever is done (libc always);
 * the report says how many bytes stayed. The whole machine's cache ({@code drop_caches}) is never
 * touched.
 */
final class PageCache implements AutoCloseable {
  private final Interpreter python;
  private final Path dir;
  private final Path script;
  private final Path list;
  private final int fileCount;

  /**
   * One eviction.
   *
   * @param files files evicted
   * @param bytes their total size
   * @param residentBefore bytes of them in the page cache before
   * @param residentAfter bytes still there after (pages mapped by running processes stay)
   * @param verified whether residency was measured for every file
   */
  record Eviction(int files, long bytes, long residentBefore, long residentAfter, boolean verified) {
    long evicted() {
      return Math.max(0, residentBefore - residentAfter);
    }
  }

  private PageCache(Interpreter python, Path dir, Path script, Path list, int fileCount) {
    this.python = python;
    this.dir = dir;
    this.script = script;
    this.list = list;
    this.fileCount = fileCount;
  }

  static PageCache of(Interpreter python, List<String> files) {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      throw UserError.usage("--cold-cache works on Linux only (posix_fadvise and mincore)");
    }
    try {
      Path dir = Files.createTempDirectory("coldstart-evict");
      Path script = dir.resolve("evict.py");
      Files.writeString(script, Interpreters.resource("evict.py"), StandardCharsets.UTF_8);
      Path list = dir.resolve("files.txt");
      Files.write(list, files, StandardCharsets.UTF_8);
      return new PageCache(python, dir, script, list, files.size());
    } catch (IOException e) {
      throw UserError.usage("--cold-cache: cannot write the eviction helper: " + e.getMessage());
    }
  }

  int fileCount() {
    return fileCount;
  }

  /** Evicts every file; throws exit 3 when the helper cannot run at all. */
  Eviction evict() {
    ProcessResult r =
        PythonProcess.builder(python.executable(), List.of("-I", "-S", script.toString(), list.toString()))
            .timeout(Duration.ofMinutes(2))
            .run();
    if (!r.ok()) {
      throw UserError.target("--cold-cache: the eviction helper failed (exit " + r.exitCode() + "): " + r.stderrTail(5));
    }
    JsonNode n = new ObjectMapper().readTree(r.stdout());
    long before = n.path("before").asLong();
    long after = n.path("after").asLong();
    boolean verified = n.path("measured").asBoolean();
    List<String> selfMapped = new ArrayList<>();
    n.path("self_mapped").forEach(f -> selfMapped.add(f.asString()));
    if (!selfMapped.isEmpty()) {
      // The helper counted these as resident after (it mapped them); drop them now it has exited.
      long[] selfBefore = fincore(selfMapped);
      dropWithDd(selfMapped);
      long[] selfAfter = fincore(selfMapped);
      if (selfAfter == null || selfBefore == null) {
        verified = false;
      } else {
        after = after - selfBefore[0] + selfAfter[0];
      }
    }
    return new Eviction(n.path("files").asInt(), n.path("bytes").asLong(), before, Math.max(0, after), verified);
  }

  /** {@code dd if=F iflag=nocache count=0}: fadvise(DONTNEED) on the whole file, from a process that does not map it. */
  private static void dropWithDd(List<String> files) {
    for (String f : files) {
      PythonProcess.builder(Path.of("dd"), List.of("if=" + f, "iflag=nocache", "count=0", "status=none"))
          .timeout(Duration.ofSeconds(30))
          .run();
    }
  }

  /** Resident bytes of the files summed, from {@code fincore --bytes}; null when fincore is unavailable. */
  static long[] fincore(List<String> files) {
    List<String> args = new ArrayList<>(List.of("--bytes", "--noheadings", "--raw", "--output", "RES"));
    args.addAll(files);
    ProcessResult r;
    try {
      r = PythonProcess.builder(Path.of("fincore"), args).timeout(Duration.ofSeconds(30)).run();
    } catch (UserError e) {
      return null;
    }
    if (!r.ok()) {
      return null;
    }
    long sum = 0;
    for (String line : r.stdout().split("\n")) {
      if (!line.isBlank()) {
        try {
          sum += Long.parseLong(line.strip());
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return new long[] {sum};
  }

  @Override
  public void close() {
    LoadedFiles.deleteQuietly(dir);
  }
}
