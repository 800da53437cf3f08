package dev.coldstart.limits;

import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits through systemd: each run is started by {@code systemd-run --scope} (the user manager
 * unless coldstart runs as root) with {@code CPUQuota}, {@code MemoryMax} and {@code
 * MemorySwapMax=0}; systemd creates and removes a transient scope per run. Used when no cgroup
 * directory is writable. Costs a D-Bus round trip per start (tens of ms), which the bare
 * interpreter pays too, so the difference from it is unaffected. The scope's OOM counter is gone
 * when the run ends, so a kill is recognised by exit status 137 (SIGKILL) alone.
 */
final class SystemdScope implements Cgroup {
  private final List<String> prefix;

  private SystemdScope(List<String> prefix) {
    this.prefix = prefix;
  }

  /** Checks once that a scope with these properties can be started; throws with the reason if not. */
  static SystemdScope create(LimitSpec spec) throws IOException {
    Path exe = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "systemd-run");
      if (Files.isExecutable(p)) {
        exe = p;
        break;
      }
    }
    if (exe == null) {
      throw new IOException("systemd-run is not installed");
    }
    List<String> prefix = new ArrayList<>();
    prefix.add(exe.toString());
    if (!"root".equals(System.getProperty("user.name"))) {
      prefix.add("--user");
    }
    prefix.add("--scope");
    prefix.add("--quiet");
    if (spec.cpuPercent() > 0) {
      prefix.add("-p");
      prefix.add("CPUQuota=" + LimitSpec.percent(spec.cpuPercent()));
    }
    if (spec.memoryBytes() > 0) {
      prefix.add("-p");
      prefix.add("MemoryMax=" + spec.memoryBytes());
      prefix.add("-p");
      prefix.add("MemorySwapMax=0");
    }
    prefix.add("--");
    List<String> probe = new ArrayList<>(prefix.subList(1, prefix.size()));
    probe.add("/bin/true");
    ProcessResult r = PythonProcess.builder(exe, probe).timeout(Duration.ofSeconds(20)).run();
    if (!r.ok()) {
      throw new IOException(
          "systemd-run could not start a scope (exit " + r.exitCode() + "): " + r.stderrTail(2).replace('\n', ' '));
    }
    return new SystemdScope(List.copyOf(prefix));
  }

  @Override
  public List<String> wrap(List<String> command) {
    List<String> out = new ArrayList<>(prefix);
    out.addAll(command);
    return out;
  }

  @Override
  public long oomKills() {
    return -1;
  }

  @Override
  public String describe() {
    return "systemd-run --scope " + String.join(" ", prefix.subList(prefix.indexOf("--scope") + 1, prefix.size() - 1));
  }

  @Override
  public void close() {
    // systemd removes each transient scope when its process exits.
  }
}
