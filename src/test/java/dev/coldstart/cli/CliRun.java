package dev.coldstart.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs coldstart in-process the way a shell would: argv in, stdout/stderr/exit code out. */
public record CliRun(int exit, String out, String err) {
  public static CliRun of(String... args) {
    return withStdin("", args);
  }

  public static CliRun withStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Main(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .run(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
