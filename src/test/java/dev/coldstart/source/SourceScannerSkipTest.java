package dev.coldstart.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lexer's fast path (plain statements inside def and class bodies passed over without tokens)
 * must give exactly the facts of the full tokenization, diagnostics included, on real code and on
 * broken code.
 */
class SourceScannerSkipTest {
  private static final Path STDLIB = Path.of("/root/.pyenv/versions/3.11.7/lib/python3.11");

  private static void assertSameFacts(String what, byte[] src) {
    ModuleFacts fast = SourceScanner.scan(src, src.length, true);
    ModuleFacts full = SourceScanner.scan(src, src.length, false);
    assertThat(fast.diagnostics()).as(what).isEqualTo(full.diagnostics());
    assertThat(fast.imports()).as(what).isEqualTo(full.imports());
    assertThat(fast).as(what).isEqualTo(full);
  }

  @Test
  void skippingPlainStatementsChangesNothingOnAStdlib() throws IOException {
    assumeTrue(Files.isDirectory(STDLIB), "pyenv 3.11.7 is not installed");
    List<Path> files;
    try (Stream<Path> s = Files.walk(STDLIB)) {
      files = s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).toList();
    }
    assertThat(files).hasSizeGreaterThan(1000);
    for (Path p : files) {
      assertSameFacts(p.toString(), Files.readAllBytes(p));
    }
  }

  @Test
  void skippingPlainStatementsChangesNothingOnBrokenCode() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (String name : List.of("flags.py", "strings.py", "pep701.py", "newlines.py")) {
      try (InputStream in = getClass().getResourceAsStream("/source/samples/" + name)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        seeds.add(text.getBytes(StandardCharsets.UTF_8));
        // the same code in a function body, where the fast path applies
        seeds.add(("def f():\n    " + text.replace("\n", "\n    ")).getBytes(StandardCharsets.UTF_8));
      }
    }
    seeds.add("def f():\n    x = 1; import a; y = (2,\n    3); from b import c\n    ]\n    s = '''\n"
        .getBytes(StandardCharsets.UTF_8));
    byte[] alphabet = "\"'{}()[]:;\\\n\r\t #fFrRbBtTi=.,*@0\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    Random random = new Random(20250101L);
    for (int i = 0; i < 5000; i++) {
      byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
      for (int m = 1 + random.nextInt(8); m > 0 && b.length > 0; m--) {
        int at = random.nextInt(b.length);
        if (random.nextBoolean()) {
          b[at] = alphabet[random.nextInt(alphabet.length)];
        } else {
          byte[] out = new byte[b.length + 1];
          System.arraycopy(b, 0, out, 0, at);
          out[at] = alphabet[random.nextInt(alphabet.length)];
          System.arraycopy(b, at, out, at + 1, b.length - at);
          b = out;
        }
      }
      assertSameFacts("mutation " + i + ":\n" + new String(b, StandardCharsets.ISO_8859_1), b);
    }
  }
}
