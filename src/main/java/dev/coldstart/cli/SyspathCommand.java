package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.limits.SysPathReport;
import dev.coldstart.python.Target;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code coldstart syspath [TARGET]}: what sys.path and .pth files cost a start. */
@Command(
    name = "syspath",
    header = "sys.path entries, .pth files and what they cost at every start.",
    sortOptions = false,
    description = {
      "Report sys.path (entries, missing directories, zip archives), the .pth files site runs",
      "with their import lines and time, and for a TARGET which entry each module came from",
      "and the file-system calls its imports make."
    })
public final class SyspathCommand implements Callable<Integer> {
  private final Io io;

  @Mixin TargetOptions target;

  @Mixin PythonOption python;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Fresh interpreters timing site and .pth files (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Limit per run (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  public SyspathCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (runs < 1) {
      throw UserError.usage("--runs must be at least 1");
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw UserError.usage("--format must be text or json");
    }
    Target t = target.present() ? target.target() : null;
    if (t instanceof Target.Log) {
      throw UserError.usage("syspath runs Python; --log is not a target here");
    }
    SysPathReport.Report r =
        SysPathReport.build(python.interpreter(), t, runs, Duration.ofMillis((long) (timeoutSeconds * 1000)));
    io.out().print(
        format.equals("json")
            ? JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(r) + "\n"
            : SysPathReport.text(r));
    io.out().flush();
    return 0;
  }
}
