package dev.coldstart.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.profile.ImportTimeLog.Node;
import dev.coldstart.profile.ImportTimeLog.Support;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the parser on the real logs, and the traps, each with a small inline log. */
class ImportTimeLogTest {
  static final Path DIR = ImportTimeLogGoldenTest.DIR;

  static ImportTimeLog resource(String name) throws IOException {
    return ImportTimeLog.parse(Files.readAllBytes(DIR.resolve(name)));
  }

  static String row(long self, long cum, int level, String name) {
    return String.format("import time: %9d | %10d | %s%s", self, cum, "  ".repeat(level), name);
  }

  static String cached(int level, String name) {
    // CPython 3.14: "import time: cached    | cached     | %*s" with width import_level*2.
    return String.format("import time: cached    | cached     | %" + (level == 0 ? "" : level * 2) + "s", name);
  }

  static final String HEADER = "import time: self [us] | cumulative | imported package";

  static Stream<String> realLogs() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("(stdlib|shop)-3\\.(7|8|9|1[0-3])\\.log"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realLogs")
  void realLogsRebuildIntoAConsistentForest(String name) throws IOException {
    ImportTimeLog log = resource(name);
    assertThat(log.warnings()).isEmpty();
    assertThat(log.support()).isEqualTo(Support.SUPPORTED);
    assertConsistent(log);
  }

  /** Post-order of the forest is the log order; levels step by one; times add up. */
  static void assertConsistent(ImportTimeLog log) {
    List<Node> walked = new ArrayList<>();
    for (Node root : log.roots()) {
      assertThat(root.depth()).isZero();
      walked.addAll(root.subtree());
    }
    assertThat(walked).containsExactlyElementsOf(log.rows());
    for (Node node : log.rows()) {
      long childrenUs = 0;
      for (Node child : node.children()) {
        assertThat(child.depth()).isEqualTo(node.depth() + 1);
        assertThat(child.line()).isLessThan(node.line());
        childrenUs += child.cumulativeUs();
      }
      // self = ceil(cum - sum of exact child times): off by at most one µs per rounding.
      assertThat(node.cumulativeUs() - node.selfUs() - childrenUs)
          .as("times of %s at line %d", node.module(), node.line())
          .isBetween(-(long) node.children().size() - 1, 1L);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realLogs")
  void theTargetsOwnStderrIsKeptInOrderWithLineNumbers(String name) throws IOException {
    if (!name.startsWith("shop")) {
      return;
    }
    ImportTimeLog log = resource(name);
    assertThat(log.otherLines())
        .extracting(ImportTimeLog.OtherLine::text)
        .containsExactly(
            "main: starting",
            "shop: init starts",
            "shop.catalog: no plugin, continuing",
            "main: attempt 1: shop.broken fails on purpose",
            "main: attempt 2: shop.broken fails on purpose",
            "main: done");
    List<String> lines = Files.readAllLines(DIR.resolve(name));
    for (ImportTimeLog.OtherLine other : log.otherLines()) {
      assertThat(lines.get(other.line() - 1)).isEqualTo(other.text());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realLogs")
  void parentsNestUnderTheirSubmoduleAndRepeatedNamesStaySeparate(String name) throws IOException {
    if (!name.startsWith("shop")) {
      return;
    }
    ImportTimeLog log = resource(name);
    Node rates = only(log.roots(), "shop.money.rates");
    Node money = only(rates.children(), "shop.money");
    Node shop = only(money.children(), "shop");
    assertThat(money.isParentPackageOf(rates)).isTrue();
    assertThat(shop.isParentPackageOf(money)).isTrue();
    assertThat(shop.isParentPackageOf(rates)).isTrue();
    Node fractions = only(rates.children(), "fractions");
    assertThat(fractions.isParentPackageOf(rates)).isFalse();
    assertThat(only(shop.children(), "shop.catalog").children())
        .extracting(Node::module)
        .containsExactly("json", "shop_plugin_that_is_not_installed");
    assertThat(log.roots().stream().filter(n -> n.module().equals("shop.broken"))).hasSize(2);
    assertThat(log.rows().stream().filter(n -> n.module().equals("json"))).hasSize(2);
    assertThat(log.roots().getLast().module()).isEqualTo("json");
    assertThat(log.roots().getLast().children()).isEmpty();
  }

  static Node only(List<Node> nodes, String module) {
    List<Node> found = nodes.stream().filter(n -> n.module().equals(module)).toList();
    assertThat(found).as(module).hasSize(1);
    return found.getFirst();
  }

  @Test
  void powershellUtf16LogParsesLikeTheOriginal() throws IOException {
    assertThat(ImportTimeLogDump.of(resource("utf16le-crlf-3.12.log")))
        .isEqualTo(ImportTimeLogDump.of(resource("stdlib-3.12.log")));
  }

  @Test
  void utf16BigEndianAndWithoutMarkAndUtf8WithMarkParseAlike() throws IOException {
    String text = Files.readString(DIR.resolve("stdlib-3.9.log"));
    String expected = ImportTimeLogDump.of(ImportTimeLog.parse(text));
    byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
    byte[] utf8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
    assertThat(ImportTimeLogDump.of(ImportTimeLog.parse(be))).isEqualTo(expected);
    assertThat(ImportTimeLogDump.of(ImportTimeLog.parse(utf8))).isEqualTo(expected);
    assertThat(ImportTimeLogDump.of(ImportTimeLog.parse("\uFEFF" + text))).isEqualTo(expected);
    ImportTimeLog noMark = ImportTimeLog.parse(text.getBytes(StandardCharsets.UTF_16LE));
    assertThat(noMark.rows()).hasSize(ImportTimeLog.parse(text).rows().size());
    assertThat(noMark.warnings()).extracting(ImportTimeLog.Warning::message)
        .containsExactly("read as UTF-16LE without a byte order mark");
  }

  @Test
  void crOnlyAndMixedLineEndsSplitLikeLf() {
    String lf = String.join("\n", HEADER, row(5, 5, 1, "a.b"), row(3, 9, 0, "a"), "done") + "\n";
    ImportTimeLog expected = ImportTimeLog.parse(lf);
    assertThat(ImportTimeLogDump.of(ImportTimeLog.parse(lf.replace("\n", "\r"))))
        .isEqualTo(ImportTimeLogDump.of(expected));
    assertThat(ImportTimeLogDump.of(ImportTimeLog.parse(lf.replaceFirst("\n", "\r\n"))))
        .isEqualTo(ImportTimeLogDump.of(expected));
    assertThat(expected.roots().getFirst().children()).extracting(Node::module).containsExactly("a.b");
  }

  @Test
  void truncatedLogWarnsAndKeepsWhatWasThere() throws IOException {
    ImportTimeLog log = resource("truncated-3.13.log");
    assertThat(log.rows().getLast().module()).isEqualTo("email.m");
    assertThat(log.warnings()).extracting(ImportTimeLog.Warning::message)
        .anyMatch(m -> m.contains("truncated"));
    // A cut inside the "import time:" prefix or the numbers: not a row, still a warning.
    ImportTimeLog cutEarly = ImportTimeLog.parse(HEADER + "\n" + row(5, 5, 0, "a") + "\nimport time:       12 |   ");
    assertThat(cutEarly.rows()).hasSize(1);
    assertThat(cutEarly.warnings()).extracting(ImportTimeLog.Warning::message)
        .containsExactly("the log ends in the middle of a row: it was truncated");
  }

  @Test
  void repeatedHeaderStartsANewProcessTree() throws IOException {
    ImportTimeLog log = resource("two-processes-3.12.log");
    assertThat(log.headers()).isEqualTo(2);
    // The parent's last import, then the child's whole log from its own start-up to json.
    List<String> roots = log.roots().stream().map(Node::module).toList();
    assertThat(roots.indexOf("subprocess")).isLessThan(roots.lastIndexOf("encodings"));
    assertThat(roots.getLast()).isEqualTo("json");
    assertThat(log.roots().get(roots.indexOf("subprocess")).line()).isEqualTo(61);
    assertConsistent(log);
  }

  @Test
  void headerWithAPowershellPrefixIsStillTheHeader() {
    ImportTimeLog log = ImportTimeLog.parse("python : " + HEADER + "\r\n" + row(7, 7, 0, "json") + "\r\n");
    assertThat(log.headers()).isEqualTo(1);
    assertThat(log.rows()).extracting(Node::module).containsExactly("json");
    assertThat(log.otherLines()).extracting(ImportTimeLog.OtherLine::text).containsExactly("python : ");
  }

  @Test
  void rowGluedAfterTheTargetsTextIsSplitOff() {
    ImportTimeLog log = ImportTimeLog.parse(HEADER + "\nprogress 50%" + row(4, 4, 0, "json") + "\n");
    assertThat(log.rows()).extracting(Node::module).containsExactly("json");
    assertThat(log.otherLines()).extracting(ImportTimeLog.OtherLine::text).containsExactly("progress 50%");
    assertThat(log.warnings()).hasSize(1);
  }

  @Test
  void malformedRowsAreTextWithAWarning() {
    ImportTimeLog log =
        ImportTimeLog.parse(
            String.join(
                "\n",
                HEADER,
                "import time: 12 | 14",
                "import time: cached | 14 | mixed",
                "import time: 99999999999999999999999 | 1 | huge")
                + "\n");
    assertThat(log.rows()).isEmpty();
    assertThat(log.otherLines()).hasSize(3);
    assertThat(log.warnings()).hasSize(3);
    assertThat(log.support()).isEqualTo(Support.SUPPORTED); // the header shows the flag was honoured
  }

  @Test
  void cachedRowLevelComesFromRightAlignedPadding() {
    ImportTimeLog log =
        ImportTimeLog.parse(
            String.join(
                "\n",
                HEADER,
                cached(3, "os"), // "    os": (4 + 2) / 2 = 3
                cached(3, "collections.abc"), // no padding: level unknown, at least 3 (previous row)
                row(10, 10, 3, "c"),
                cached(3, "sys"), // " " + "   sys": exact
                row(20, 30, 2, "b"),
                row(5, 35, 1, "a"),
                row(0, 35, 0, "top"),
                cached(1, "x"), // " x": exact 1
                cached(1, "io"), // "io": level 0 or 1; previous row at 1 -> exactly 1
                row(1, 1, 0, "m"))
                + "\n");
    assertThat(log.warnings()).hasSize(1);
    assertThat(log.warnings().getFirst().message()).contains("lines 3");
    Node b = log.roots().getFirst().children().getFirst().children().getFirst();
    assertThat(b.children()).extracting(Node::module).containsExactly("os", "collections.abc", "c", "sys");
    assertThat(b.children()).extracting(Node::depthExact).containsExactly(true, false, true, true);
    Node m = log.roots().get(1);
    assertThat(m.children()).extracting(Node::module).containsExactly("x", "io");
    assertThat(m.children()).allMatch(Node::depthExact);
    assertThat(m.children()).allMatch(n -> n.cached() && n.selfUs() == 0 && n.cumulativeUs() == 0);
  }

  @Test
  void oddIndentAndSkippedLevelsWarnButStillNest() {
    ImportTimeLog log =
        ImportTimeLog.parse(
            String.join(
                "\n",
                row(1, 1, 3, "deep"),
                "import time:         1 |          1 |    odd", // 3 spaces: level 1
                row(5, 7, 0, "top")));
    assertThat(log.roots()).extracting(Node::module).containsExactly("top");
    Node odd = only(log.roots().getFirst().children(), "odd");
    assertThat(odd.depth()).isEqualTo(1);
    assertThat(odd.children()).extracting(Node::module).containsExactly("deep");
    assertThat(log.warnings()).hasSize(3); // deep skips levels, odd indent, no line end on the last row
  }

  @Test
  void timesThatDoNotAddUpAreReported() {
    ImportTimeLog log = ImportTimeLog.parse(row(5, 5, 1, "a") + "\n" + row(1, 100, 0, "b") + "\n");
    assertThat(log.warnings()).extracting(ImportTimeLog.Warning::message)
        .singleElement().asString().contains("not self plus their children's").endsWith("lines 2");
  }

  @Test
  void unfinishedImportsAtTheEndBecomeRootsWithAWarning() {
    ImportTimeLog log = ImportTimeLog.parse(HEADER + "\n" + row(5, 5, 2, "c") + "\n" + row(6, 11, 1, "b") + "\n");
    assertThat(log.roots()).extracting(Node::module).containsExactly("b");
    assertThat(log.warnings()).extracting(ImportTimeLog.Warning::message)
        .singleElement().asString().contains("never printed");
  }

  @Test
  void python36IgnoresTheFlagAndPython27RejectsIt() throws IOException {
    ImportTimeLog py36 = resource("shop-3.6.log");
    assertThat(py36.support()).isEqualTo(Support.FLAG_IGNORED);
    assertThat(py36.support().message()).contains("Python 3.7+ needed");
    assertThat(py36.otherLines()).hasSize(6);
    ImportTimeLog py27 = resource("rejected-2.7.log");
    assertThat(py27.support()).isEqualTo(Support.FLAG_REJECTED);
    assertThat(py27.support().message())
        .isEqualTo("this interpreter does not support -X importtime (Python 3.7+ needed): it rejected the -X option (Python 2)");
    // The log and the interpreter's stderr captured apart:
    assertThat(ImportTimeLog.support(ImportTimeLog.parse(""), "Unknown option: -X\nusage: python ..."))
        .isEqualTo(Support.FLAG_REJECTED);
    assertThat(ImportTimeLog.support(resource("stdlib-3.7.log"), "")).isEqualTo(Support.SUPPORTED);
  }

  @Test
  void badInputNeverThrows() {
    assertThat(ImportTimeLog.parse((byte[]) null).warnings()).isNotEmpty();
    assertThat(ImportTimeLog.parse((String) null).rows()).isEmpty();
    assertThat(ImportTimeLog.parse(new byte[0]).rows()).isEmpty();
    assertThat(ImportTimeLog.parse(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41}).warnings())
        .extracting(ImportTimeLog.Warning::message)
        .anyMatch(m -> m.contains("odd number of bytes"));
    ImportTimeLog latin1 = ImportTimeLog.parse("caf\u00e9 \n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(latin1.otherLines().getFirst().text()).isEqualTo("caf\uFFFD ");
    SplittableRandom random = new SplittableRandom(42);
    String alphabet = "import time: |0123456789cached \n\r\t.a_\u00e9\u0000";
    for (int trial = 0; trial < 2000; trial++) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      ImportTimeLog.parse(bytes);
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(300); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      ImportTimeLog log = ImportTimeLog.parse(s.toString());
      List<Node> walked = new ArrayList<>();
      log.roots().forEach(r -> walked.addAll(r.subtree()));
      assertThat(walked).hasSameSizeAs(log.rows()); // every row ends up in the forest once
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
