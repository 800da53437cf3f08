package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.source.Diagnostic;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.SourceTree;
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

  /** One file's output, built on a worker thread. */
  private record Rendered(String json, String diagnostics) {}

  @Override
  public Integer call() {
    List<SourceTree.SourceFile> files = SourceTree.walk(paths);
    SourceTree.scan(
        files,
        Math.max(1, jobs),
        f -> {
          StringBuilder out = new StringBuilder(f.facts().imports().size() * 200);
          for (ImportStatement s : f.facts().imports()) {
            ImportJsonLines.append(out, f.path(), s);
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
          return new Rendered(out.toString(), diags);
        },
        r -> {
          io.out().write(r.json());
          if (r.diagnostics() != null) {
            io.out().flush();
            io.err().write(r.diagnostics());
            io.err().flush();
          }
        });
    io.out().flush();
    return ExitCode.OK;
  }
}
