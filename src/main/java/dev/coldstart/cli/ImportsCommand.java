package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.source.Diagnostic;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coldstart imports PATH...}: every import statement the static scanner sees, as JSON lines
 * (format in docs/imports.md). Files are scanned and formatted in parallel and printed in walk
 * order; scanner diagnostics go to stderr as {@code file:line: message}.
 */
@Command(
    name = "imports",
    header = "Every import statement the scanner sees, as JSON lines.",
    mixinStandardHelpOptions = true,
    description = {
      "Print every import statement in Python files as JSON lines (one object per statement).",
      "Directories are walked recursively for *.py files in sorted order (symlinked directories",
      "are not followed). Format: docs/imports.md."
    })
public final class ImportsCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Python files or directories.")
  List<String> paths;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Files scanned in parallel (default: the number of cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  public ImportsCommand(Io io) {
    this.io = io;
  }

  /** One file's output, built on a worker thread: ASCII JSON lines and diagnostics (or null). */
  private record Rendered(byte[] json, int length, String diagnostics) {}

  @Override
  public Integer call() {
    SourceTree.walkAndScan(paths, Math.max(1, jobs), ImportsCommand::render, this::print);
    io.out().flush();
    return ExitCode.OK;
  }

  private static Rendered render(SourceTree.ScannedFile f) {
    ImportJsonLines out = new ImportJsonLines();
    for (ImportStatement s : f.facts().imports()) {
      out.append(f.path(), s);
    }
    String diags = null;
    if (!f.facts().diagnostics().isEmpty()) {
      StringBuilder err = new StringBuilder();
      for (Diagnostic d : f.facts().diagnostics()) {
        err.append(f.path()).append(':').append(d.line()).append(": ").append(d.message());
        err.append('\n');
      }
      diags = err.toString();
    }
    return new Rendered(out.buffer(), out.size(), diags);
  }

  private void print(Rendered r) {
    if (r.length() > 0) {
      if (io.out() instanceof StdoutWriter stdout) {
        stdout.writeAscii(r.json(), 0, r.length());
      } else {
        io.out().write(new String(r.json(), 0, r.length(), StandardCharsets.ISO_8859_1));
      }
    }
    if (r.diagnostics() != null) {
      io.out().flush();
      io.err().write(r.diagnostics());
      io.err().flush();
    }
  }
}
