package dev.coldstart.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The one place where argv becomes a verb. Tests drive {@link #run(String...)} with string writers,
 * the same seam a user's shell hits; {@link #main} only wires the real streams and exits.
 */
public final class Main {
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;

  public Main(PrintWriter out, PrintWriter err, InputStream in) {
    this.out = out;
    this.err = err;
    this.in = in;
  }

  public static void main(String[] args) {
    PrintWriter out = new StdoutWriter(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = new Main(out, err, System.in).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code (see {@link ExitCode}). Never throws. */
  public int run(String... args) {
    CommandLine cl = Commands.build(new Io(out, err, in));
    try {
      return cl.execute(Commands.route(args));
    } finally {
      out.flush();
      err.flush();
    }
  }
}
