package dev.coldstart.python;

import java.nio.file.Path;
import java.util.List;

/**
 * A Python interpreter as probed by running it once: where it is, which version, and the facts
 * that change what a measurement means (bytecode writing, sys.path).
 *
 * @param executable the real interpreter binary ({@code sys.executable}), never a pyenv shim, so
 *     that each measured run does not also pay for a shell script
 * @param version major.minor.micro
 * @param versionLine {@code sys.version} on one line
 * @param implementation CPython, PyPy, ...
 * @param prefix {@code sys.prefix}; differs from basePrefix inside a virtualenv
 * @param basePrefix {@code sys.base_prefix}
 * @param sysPath {@code sys.path} as seen by {@code -c} (without the leading '' entry)
 * @param dontWriteBytecode {@code sys.dont_write_bytecode} (true under PYTHONDONTWRITEBYTECODE)
 * @param machine CPU architecture, e.g. x86_64
 * @param extSuffix extension-module suffix, e.g. {@code .cpython-311-x86_64-linux-gnu.so}
 * @param layout how it finds modules (for the static layout), or null when the probe did not say
 */
public record Interpreter(
    Path executable,
    String version,
    String versionLine,
    String implementation,
    String prefix,
    String basePrefix,
    List<String> sysPath,
    boolean dontWriteBytecode,
    String machine,
    String extSuffix,
    Layout layout) {

  /**
   * How the interpreter finds modules, as {@code dev.coldstart.layout.SearchPath} needs it.
   *
   * @param builtins {@code sys.builtin_module_names}
   * @param extensionSuffixes every extension-module suffix, in the order the interpreter tries them
   * @param siteDirs {@code site.getsitepackages()} and the user site directory, existing or not
   */
  public record Layout(List<String> builtins, List<String> extensionSuffixes, List<String> siteDirs) {}

  /** Major version number. */
  public int major() {
    return Integer.parseInt(version.split("\\.")[0]);
  }

  /** Minor version number. */
  public int minor() {
    return Integer.parseInt(version.split("\\.")[1]);
  }

  /** True when this interpreter is at least {@code major.minor}. */
  public boolean atLeast(int maj, int min) {
    return major() > maj || (major() == maj && minor() >= min);
  }

  /** True when {@code -X importtime} exists here (CPython 3.7+). */
  public boolean supportsImportTime() {
    return atLeast(3, 7);
  }

  /** One line for report headers: "CPython 3.11.7 (/usr/bin/python3)". */
  public String describe() {
    return implementation + " " + version + " (" + executable + ")";
  }
}
