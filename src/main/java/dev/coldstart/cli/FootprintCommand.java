package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.limits.Footprint;
import dev.coldstart.python.Target;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code coldstart footprint TARGET}: the compiled code a start loads, and where it comes from. */
@Command(
    name = "footprint",
    header = "Native code an entry loads: extensions, distributions, wheel tags.",
    sortOptions = false,
    description = {
      "Run TARGET once and list the native code its imports load: extension modules and shared",
      "libraries, the distributions that installed them, their wheel tags (platform-specific or",
      "pure) and size on disk."
    })
public final class FootprintCommand implements Callable<Integer> {
  private final Io io;

  @Mixin TargetOptions target;

  @Mixin PythonOption python;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Limit for the run (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  public FootprintCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw UserError.usage("--format must be text or json");
    }
    Target t = target.target();
    if (t instanceof Target.Log) {
      throw UserError.usage("footprint runs the target; --log is not supported here");
    }
    Footprint.Report r = Footprint.measure(python.interpreter(), t, Duration.ofMillis((long) (timeoutSeconds * 1000)));
    io.out().print(
        format.equals("json")
            ? JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(r) + "\n"
            : Footprint.text(r));
    io.out().flush();
    return 0;
  }
}
