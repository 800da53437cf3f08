package dev.coldstart.limits;

import java.util.List;

/**
 * A control group that every measured run is started in, with a CPU quota and a memory limit. One
 * is created per profile and removed when closed. Three ways to get one, tried in this order by
 * {@link Cgroups#open}: the cgroup v1 cpu and memory hierarchies (root, or a writable delegated
 * directory), a delegated cgroup v2 subtree, and a transient systemd scope per run.
 */
sealed interface Cgroup extends AutoCloseable permits CgroupV1, CgroupV2, SystemdScope {

  /** The command line that starts {@code command} inside the group, so no byte of it runs outside. */
  List<String> wrap(List<String> command);

  /** How many processes the kernel's OOM killer killed in the group so far; -1 when unknown. */
  long oomKills();

  /** Where the limits live, for the report: "cgroup v1 /sys/fs/cgroup/cpu/coldstart-12-1, ...". */
  String describe();

  /** Removes the group; never throws. */
  @Override
  void close();

  /**
   * A shell command that writes its own pid into each {@code cgroup.procs} file and then execs the
   * command given as its arguments ({@code $0 "$@"}), so the arguments need no quoting.
   */
  static List<String> joinThenExec(List<java.nio.file.Path> procsFiles, List<String> command) {
    StringBuilder script = new StringBuilder();
    for (java.nio.file.Path p : procsFiles) {
      script.append("echo $$ > ").append(shellQuote(p.toString())).append(" && ");
    }
    script.append("exec \"$0\" \"$@\"");
    List<String> out = new java.util.ArrayList<>(command.size() + 3);
    out.add("/bin/sh");
    out.add("-c");
    out.add(script.toString());
    out.addAll(command);
    return out;
  }

  /** Single-quotes a word for sh. */
  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
