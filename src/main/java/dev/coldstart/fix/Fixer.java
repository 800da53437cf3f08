package dev.coldstart.fix;

import dev.coldstart.source.ModuleFacts;
import dev.coldstart.source.SourceScanner;
import dev.coldstart.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Plans the fixes for a set of paths: reads each Python file, runs the selected codemods on it in a
 * fixed order (re-exports, then annotation-only imports, then function-local imports, then values
 * computed on first access; a statement
 * one codemod rewrote is not offered to the next) and computes the new bytes. Nothing is written
 * here: {@link Applier} does that.
 */
public final class Fixer {
  private Fixer() {}

  /**
   * What to fix.
   *
   * @param paths files and directories, as the user gave them
   * @param kinds the codemods to run
   * @param style how lazy package {@code __init__}s are written
   * @param annotationsDeferred the project's oldest Python never evaluates annotations (3.14+)
   * @param loadedAnyway modules the program loads whatever it imports ({@link LoadedAnyway}): an
   *     import of one of them is never moved under TYPE_CHECKING, it would save nothing
   */
  public record Request(
      List<String> paths, Set<Codemod> kinds, Style style, boolean annotationsDeferred, Set<String> loadedAnyway) {
    /** A request that takes {@link LoadedAnyway#EVERY_CPYTHON} as loaded anyway. */
    public Request(List<String> paths, Set<Codemod> kinds, Style style, boolean annotationsDeferred) {
      this(paths, kinds, style, annotationsDeferred, LoadedAnyway.EVERY_CPYTHON);
    }
  }

  /**
   * One file's plan.
   *
   * @param shown the path as walked
   * @param file where it is
   * @param module its dotted module name
   * @param root the sys.path entry it is importable from
   * @param original its bytes when read
   * @param fixed its bytes after the changes (equal to original when nothing changes)
   * @param diff a unified diff of the changes ("" when none)
   * @param changes what each codemod does
   * @param refusals what the codemods would not do, and why
   */
  public record FileFix(
      String shown,
      Path file,
      String module,
      Path root,
      byte[] original,
      byte[] fixed,
      String diff,
      List<Change> changes,
      List<Refusal> refusals) {
    public boolean changed() {
      return !Arrays.equals(original, fixed);
    }
  }

  /** Every file's plan, in walk order. */
  public static List<FileFix> plan(Request req) {
    List<SourceTree.SourceFile> files = SourceTree.walk(req.paths());
    // One import graph per sys.path root, reaching from every package __init__ being fixed.
    Map<Path, List<String>> packages = new LinkedHashMap<>();
    for (SourceTree.SourceFile sf : files) {
      if (PackageView.isInit(sf.location())) {
        PackageView.Located loc = PackageView.locate(sf.location());
        packages.computeIfAbsent(loc.root(), k -> new ArrayList<>()).add(loc.module());
      }
    }
    Map<Path, LoadOrder> orders = new HashMap<>();
    List<FileFix> out = new ArrayList<>();
    for (SourceTree.SourceFile sf : files) {
      Path root = PackageView.locate(sf.location()).root();
      LoadOrder order = orders.computeIfAbsent(root, r -> new LoadOrder(r, packages.getOrDefault(r, List.of())));
      out.add(planFile(sf.path(), sf.location(), req, order));
    }
    return out;
  }

  /**
   * The plan of one file with only the changes {@code keep} accepts: the new bytes and the diff
   * recomputed from those changes' edits (their edits never overlap, {@link #plan} made sure). Used
   * by {@code audit --fix} to write exactly the deferrals it judged safe.
   */
  public static FileFix keep(FileFix f, java.util.function.Predicate<Change> keep) {
    List<Change> kept = f.changes().stream().filter(keep).toList();
    if (kept.size() == f.changes().size()) {
      return f;
    }
    SourceText.Read read = SourceText.read(f.original());
    if (kept.isEmpty() || read.text() == null) {
      return new FileFix(f.shown(), f.file(), f.module(), f.root(), f.original(), f.original(), "", List.of(), f.refusals());
    }
    List<Edit> edits = new ArrayList<>();
    kept.forEach(c -> edits.addAll(c.edits()));
    List<String> newLines = Edits.apply(read.text().lines(), edits);
    return new FileFix(f.shown(), f.file(), f.module(), f.root(), f.original(), read.text().encode(newLines),
        Edits.unifiedDiff(f.shown(), read.text().lines(), edits), kept, f.refusals());
  }

  static FileFix planFile(String shown, Path file, Request req) {
    PackageView.Located loc = PackageView.locate(file);
    return planFile(shown, file, req, new LoadOrder(loc.root(), List.of(loc.module())));
  }

  private static FileFix planFile(String shown, Path file, Request req, LoadOrder order) {
    PackageView.Located loc = PackageView.locate(file);
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      return skipped(shown, file, loc, new byte[0], "cannot read: " + e.getMessage());
    }
    SourceText.Read read = SourceText.read(raw);
    if (read.text() == null) {
      return skipped(shown, file, loc, raw, read.problem());
    }
    ModuleFacts facts = SourceScanner.scan(raw);
    if (!facts.diagnostics().isEmpty()) {
      return skipped(shown, file, loc, raw, "the scanner could not read it all (line "
          + facts.diagnostics().get(0).line() + ": " + facts.diagnostics().get(0).message() + ")");
    }
    FixInput in = new FixInput(shown, loc.module(), PackageView.isInit(file), read.text(), facts,
        NameUses.of(read.text()), new PackageView(loc.root()), order,
        new FixInput.Options(req.style(), req.annotationsDeferred(), req.loadedAnyway()), new FixInput.Shared());
    List<Change> changes = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>();
    List<Edit> edits = new ArrayList<>();
    for (Codemod kind : Codemod.values()) {
      if (!req.kinds().contains(kind)) {
        continue;
      }
      Outcome o = switch (kind) {
        case REEXPORT -> LazyReexports.fix(in);
        case TYPE_CHECKING -> AnnotationOnlyImports.fix(in);
        case FUNCTION_LOCAL -> FunctionLocalImports.fix(in);
        case MODULE_CALL -> FirstAccessValues.fix(in);
      };
      refusals.addAll(o.refusals());
      for (Change c : o.changes()) {
        List<Edit> all = new ArrayList<>(edits);
        all.addAll(c.edits());
        try {
          Edits.sorted(all);
        } catch (IllegalStateException overlap) {
          refusals.add(new Refusal(kind, 0, null, "its edits overlap those of an earlier fix; run again after applying"));
          continue;
        }
        edits = all;
        changes.add(c);
      }
    }
    List<String> newLines = Edits.apply(read.text().lines(), edits);
    if (!read.text().canEncode(newLines)) {
      return skipped(shown, file, loc, raw, "the new text does not fit the file's encoding");
    }
    byte[] fixed = changes.isEmpty() ? raw : read.text().encode(newLines);
    String diff = Edits.unifiedDiff(shown, read.text().lines(), edits);
    return new FileFix(shown, file, loc.module(), loc.root(), raw, fixed, diff, changes, refusals);
  }

  private static FileFix skipped(String shown, Path file, PackageView.Located loc, byte[] raw, String why) {
    return new FileFix(shown, file, loc.module(), loc.root(), raw, raw, "", List.of(),
        List.of(new Refusal(null, 0, null, "file skipped: " + why)));
  }
}
