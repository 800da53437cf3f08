package dev.coldstart.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Output read with pauses is still all there, in order, whatever the rhythm of the writer. */
class PatientPipeTest {
  private static final java.nio.file.Path PY =
      Interpreters.locate(Pythons.python3().toString(), System.getenv()).executable();

  @Test
  void burstsPausesAndALastLineWithoutNewlineAllArrive() {
    String code =
        "import sys, time\n"
            + "for i in range(3000):\n"
            + "    sys.stderr.write('import time: %d\\n' % i)\n"
            + "    if i % 500 == 0: sys.stderr.flush(); time.sleep(0.012)\n"
            + "sys.stdout.write('out'); sys.stderr.write('tail')\n";
    ProcessResult r =
        PythonProcess.builder(PY, List.of("-c", code)).keepStderr(l -> l.startsWith("import time:")).run();
    assertThat(r.ok()).isTrue();
    List<String> expected = IntStream.range(0, 3000).mapToObj(i -> "import time: " + i).toList();
    assertThat(r.stderr().subList(0, 3000)).isEqualTo(expected);
    assertThat(r.stderr().get(3000)).isEqualTo("tail");
    assertThat(r.stdout()).isEqualTo("out");
  }

  @Test
  void moreThanThePipeHoldsArrivesWhole() {
    // 4 MB at once: far beyond a pipe's 64 KiB, so the writer blocks until the reader catches up.
    String code = "import sys\nsys.stderr.write(('import time: ' + 'x' * 90 + '\\n') * 40000)\n";
    ProcessResult r =
        PythonProcess.builder(PY, List.of("-c", code)).keepStderr(l -> l.startsWith("import time:")).run();
    assertThat(r.ok()).isTrue();
    assertThat(r.stderr()).hasSize(40000).allMatch(l -> l.length() == 13 + 90);
  }
}
