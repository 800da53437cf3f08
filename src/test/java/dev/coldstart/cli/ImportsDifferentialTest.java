package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.coldstart.testing.Pythons;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scanner's acceptance test: {@code coldstart imports} (run in-process) must print exactly the
 * records of src/test/resources/source/ast_oracle.py (CPython's ast) over the stdlib of each
 * Python 3.8 to 3.13 found under pyenv and of CPython 3.14 and 3.15 ({@link Pythons}; 3.15's stdlib
 * has PEP 810 {@code lazy} imports), over pyenv 3.11.7's site-packages, and over the samples
 * (source/samples with the newest pyenv Python, source/samples315 with 3.15: lazy statements in
 * every form the parser takes, and {@code lazy} as a plain name). Files the oracle's
 * Python cannot parse (bad-syntax test files, Python 2 code) are excluded and counted. The oracle
 * processes start together before the first comparison, two at a time, so the slow part (CPython
 * parsing ~40k files) runs while the JVM compares.
 */
class ImportsDifferentialTest {
  private static final Path PYENV = Path.of("/root/.pyenv/versions");
  private static final Path SITE =
      PYENV.resolve("3.11.7/lib/python3.11/site-packages");

  /** One tree to compare: the interpreter that runs the oracle and the roots to walk. */
  record Tree(String name, Path python, List<String> roots) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What the oracle printed: records and excluded files. */
  record OracleRun(List<String> records, Set<String> excluded, String error) {}

  private static ExecutorService pool;
  private static final Map<String, CompletableFuture<OracleRun>> RUNS = new LinkedHashMap<>();
  private static Path oracle;

  static Stream<Tree> trees() throws IOException {
    List<Tree> out = new ArrayList<>();
    for (int minor = 8; minor <= 15; minor++) {
      Path home = pyenv("3." + minor + ".");
      if (home == null && minor >= 14) { // python-next's, not pyenv's (see Pythons)
        Path exe = dev.coldstart.testing.Pythons.pyenv("3." + minor);
        if (exe == null && System.getenv("CI") != null && !System.getenv("CI").isEmpty()) {
          throw new IllegalStateException("Python 3." + minor + " is missing under CI (see Pythons#require)");
        }
        home = exe == null ? null : exe.getParent().getParent();
      }
      Path lib = home == null ? null : home.resolve("lib/python3." + minor);
      if (lib == null || !Files.isDirectory(lib)) {
        out.add(new Tree("stdlib 3." + minor + " (absent)", null, List.of()));
        continue;
      }
      List<String> roots;
      try (Stream<Path> s = Files.list(lib)) {
        roots = s.filter(p -> !p.getFileName().toString().equals("site-packages"))
            .filter(Files::exists) // Debian's builds link sitecustomize.py to /etc, absent here
            .map(Path::toString).sorted().toList();
      }
      Path exe = home.resolve("bin/python3");
      out.add(new Tree("stdlib 3." + minor, Files.isExecutable(exe) ? exe : home.resolve("bin/python3." + minor), roots));
    }
    for (String v : Pythons.NEXT_VERSIONS) {
      Path exe = Pythons.pyenv(v);
      Path lib = exe == null ? null : exe.getParent().getParent().resolve("lib/python" + v);
      if (lib == null || !Files.isDirectory(lib)) {
        out.add(new Tree("stdlib " + v + " (absent)", null, List.of()));
        continue;
      }
      List<String> roots;
      try (Stream<Path> s = Files.list(lib)) {
        // Debian's builds link sitecustomize.py to /etc, absent here: walk what exists.
        roots = s.filter(p -> !p.getFileName().toString().equals("site-packages")
                && !p.getFileName().toString().equals("dist-packages") && Files.exists(p))
            .map(Path::toString).sorted().toList();
      }
      out.add(new Tree("stdlib " + v, exe, roots));
    }
    Path newest = pyenv("3.13.");
    if (newest == null) {
      newest = pyenv("3.12.");
    }
    Path samples;
    try {
      samples = Path.of(ImportsDifferentialTest.class.getResource("/source/samples").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    List<String> sampleFiles;
    try (Stream<Path> s = Files.list(samples)) {
      sampleFiles = s.map(Path::toString).sorted().toList();
    }
    out.add(new Tree("samples" + (newest == null ? " (no Python 3.12+)" : ""),
        newest == null ? null : newest.resolve("bin/python3"), sampleFiles));
    Path py315 = Pythons.pyenv("3.15");
    out.add(new Tree("samples 3.15" + (py315 == null ? " (no Python 3.15)" : ""), py315,
        List.of(resource("/source/samples315").toString())));
    Path py311 = PYENV.resolve("3.11.7/bin/python3");
    boolean site = Files.isDirectory(SITE) && Files.isExecutable(py311);
    out.add(new Tree("site-packages 3.11.7" + (site ? "" : " (absent)"), site ? py311 : null,
        List.of(SITE.toString())));
    // -Dimports.diff.only=3.14,3.15 compares only the trees whose name ends with one of them.
    String only = System.getProperty("imports.diff.only");
    if (only == null) {
      return out.stream();
    }
    List<String> wanted = List.of(only.split(","));
    return out.stream().map(t -> wanted.stream().anyMatch(t.name()::endsWith) ? t
        : new Tree(t.name() + " (not selected)", null, List.of()));
  }

  private static Path resource(String name) throws IOException {
    try {
      return Path.of(ImportsDifferentialTest.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static Path pyenv(String prefix) throws IOException {
    if (!Files.isDirectory(PYENV)) {
      return null;
    }
    try (Stream<Path> s = Files.list(PYENV)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> Files.isExecutable(p.resolve("bin/python3")))
          .sorted().findFirst().orElse(null);
    }
  }

  @BeforeAll
  static void startOracles() throws IOException {
    oracle = Files.createTempFile("ast_oracle", ".py");
    try (InputStream in = ImportsDifferentialTest.class.getResourceAsStream("/source/ast_oracle.py")) {
      Files.write(oracle, in.readAllBytes());
    }
    pool = Executors.newFixedThreadPool(2);
    trees().filter(t -> t.python() != null).sorted((a, b) -> a.name().startsWith("site") ? -1 : 1)
        .forEach(t -> RUNS.put(t.name(), CompletableFuture.supplyAsync(() -> runOracle(t), pool)));
  }

  @AfterAll
  static void stop() throws IOException {
    pool.shutdownNow();
    Files.deleteIfExists(oracle);
  }

  private static OracleRun runOracle(Tree t) {
    try {
      Path out = Files.createTempFile("oracle", ".jsonl");
      Path err = Files.createTempFile("oracle", ".err");
      try {
        List<String> cmd = new ArrayList<>(List.of(t.python().toString(), oracle.toString()));
        cmd.addAll(t.roots());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
            .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          return new OracleRun(List.of(), Set.of(), "oracle timed out");
        }
        Set<String> excluded = new HashSet<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
          String[] f = line.split("\t");
          if (f.length >= 2 && f[0].equals("EXCLUDED")) {
            excluded.add(f[1]);
          }
        }
        String error = p.exitValue() == 0 ? null : "oracle exit " + p.exitValue() + ": "
            + Files.readString(err, StandardCharsets.UTF_8);
        return new OracleRun(Files.readAllLines(out, StandardCharsets.UTF_8), excluded, error);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      return new OracleRun(List.of(), Set.of(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new OracleRun(List.of(), Set.of(), "interrupted");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  void importsEqualsAstOracleRecordForRecord(Tree tree) {
    assumeTrue(tree.python() != null, "interpreter or tree absent: " + tree.name());
    List<String> args = new ArrayList<>(List.of("imports"));
    args.addAll(tree.roots());
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();

    OracleRun expected = RUNS.get(tree.name()).join();
    assertThat(expected.error()).isNull();

    Map<String, List<String>> ours = byFile(run.out().lines().toList());
    Map<String, List<String>> theirs = byFile(expected.records());
    List<String> mismatches = new ArrayList<>();
    int records = 0;
    Set<String> files = new java.util.LinkedHashSet<>(theirs.keySet());
    files.addAll(ours.keySet());
    for (String file : files) {
      if (expected.excluded().contains(file)) {
        continue;
      }
      List<String> a = ours.getOrDefault(file, List.of());
      List<String> b = theirs.getOrDefault(file, List.of());
      records += b.size();
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        String x = i < a.size() ? a.get(i) : "(none)";
        String y = i < b.size() ? b.get(i) : "(none)";
        if (!x.equals(y) && mismatches.size() < 20) {
          mismatches.add("coldstart: " + x + "\n   oracle: " + y);
        }
      }
    }
    int walked = dev.coldstart.source.SourceTree.walk(tree.roots()).size();
    System.out.printf(
        "%s: %d files, %d records compared, %d files excluded (oracle cannot parse)%n",
        tree.name(), walked, records, expected.excluded().size());
    assertThat(records).isPositive();
    if (tree.name().startsWith("samples")) {
      assertThat(expected.excluded()).as("every sample must parse").isEmpty();
    }
    if (tree.name().endsWith("3.15")) {
      assertThat(expected.records()).as("3.15 trees hold PEP 810 lazy imports")
          .anyMatch(r -> r.contains("\"lazy\": true"));
    }
    assertThat(mismatches).as("mismatches in " + tree.name()).isEmpty();
  }

  private static Map<String, List<String>> byFile(List<String> lines) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String line : lines) {
      m.computeIfAbsent(fileOf(line), k -> new ArrayList<>()).add(line);
    }
    return m;
  }

  /** The decoded "file" of a record line (always the first key). */
  static String fileOf(String line) {
    int end = line.indexOf("\", \"line\": ");
    String raw = line.substring("{\"file\": \"".length(), end);
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = raw.charAt(++i);
      switch (e) {
        case 'u' -> {
          sb.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }
}
