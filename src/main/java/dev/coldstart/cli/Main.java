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
    Class<?> verb = args.length == 0 ? null : Verbs.ALL.get(Commands.route(args)[0]);
    if (verb != null) {
      Primer.start(java.util.List.of(verb), args);
    }
    PrintWriter out = new StdoutWriter(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = new Main(out, err, System.in).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code (see {@link ExitCode}). Never throws. */
  public int run(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Fast path: picocli's reflective model costs ~100 ms even for the root command alone, and
      // the version is the one answer that needs none of it (same text as the provider's).
      for (String line : new Commands.VersionProvider().getVersion()) {
        out.println(line);
      }
      out.flush();
      return 0;
    }
    String[] routed = Commands.route(args);
    CommandLine cl = Commands.buildFor(new Io(out, err, in), routed);
    try {
      return cl.execute(routed);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
