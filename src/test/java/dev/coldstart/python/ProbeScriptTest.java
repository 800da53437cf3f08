package dev.coldstart.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * probe.py avoids platform, json and sysconfig; what it reports instead must be what those modules
 * say, on every interpreter coldstart meets (Python 2.7 and 3.6 included: they are named, not run).
 */
class ProbeScriptTest {
  private static final String REFERENCE =
      "import platform, sys, sysconfig\n"
          + "sys.stdout.write('\\n'.join([platform.python_implementation(), platform.machine(),"
          + " sysconfig.get_config_var('EXT_SUFFIX') or '', '%d.%d.%d' % tuple(sys.version_info[:3])]))\n";

  @ParameterizedTest
  @ValueSource(strings = {"2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"})
  void theCheapProbeSaysWhatPlatformAndSysconfigSay(String version) throws Exception {
    Path py = Pythons.require(version);
    Interpreter probed = Interpreters.probe(py);
    Process p = new ProcessBuilder(py.toString(), "-c", REFERENCE).start();
    List<String> ref = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor()).isZero();
    assertThat(List.of(probed.implementation(), probed.machine(), probed.extSuffix(), probed.version()))
        .isEqualTo(ref.size() == 3 ? List.of(ref.get(0), ref.get(1), "", ref.get(2)) : ref);
    assertThat(probed.sysPath()).isNotEmpty().allMatch(e -> !e.isEmpty());
  }
}
