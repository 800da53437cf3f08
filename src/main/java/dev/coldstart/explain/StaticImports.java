package dev.coldstart.explain;

import dev.coldstart.source.ImportKind;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ImportedName;
import dev.coldstart.source.ModuleFacts;
import dev.coldstart.source.NameUses;
import dev.coldstart.source.Scope;
import dev.coldstart.source.SourceScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the static scanner ({@code dev.coldstart.source}) adds to a recorded run: the statement
 * behind a recorded site (its text, scope and flags), the kind of fix for it ({@link
 * Opportunities.FixHints}), and a statement for an import the runtime pass saw without one (made
 * from C, or a site whose text it could not read), marked static.
 *
 * <p>Fix kinds from the statement: inside a try that catches ImportError -> defer the probe; a
 * module-level import (not a package {@code __init__}'s, whose re-exports the runtime rule
 * handles) whose bound names are used only inside functions -> function-local, only in annotations
 * -> TYPE_CHECKING (see {@link NameUses}). Each file is read and scanned once.
 */
public final class StaticImports {
  private final Map<String, Optional<Source>> files = new HashMap<>();
  private final String commandLineCode;

  /** Without code from the command line. */
  public StaticImports() {
    this(null);
  }

  /**
   * @param commandLineCode the {@code -c CODE} of the target (file {@code <string>}), or null
   */
  public StaticImports(String commandLineCode) {
    this.commandLineCode = commandLineCode;
  }

  private record Source(String text, ModuleFacts facts) {}

  /** The statement covering {@code line} of {@code file}, if the file is Python we can read. */
  public Optional<ImportStatement> statementAt(String file, int line) {
    return source(file)
        .flatMap(
            s ->
                s.facts().imports().stream()
                    .filter(st -> st.line() <= line && line <= st.endLine())
                    .findFirst());
  }

  /** The hints the ranking consults first. */
  public Opportunities.FixHints hints() {
    return (importer, site) -> kindOf(site);
  }

  Optional<FixKind> kindOf(ImportSite site) {
    Optional<ImportStatement> found = statementAt(site.file(), site.line());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ImportStatement st = found.get();
    if (st.guarded()) {
      return Optional.of(FixKind.DEFER_OPTIONAL_PROBE);
    }
    if (st.typeChecking()) {
      return Optional.of(FixKind.TYPE_CHECKING);
    }
    if (st.scope() != Scope.MODULE || isPackageInit(site.file())) {
      return Optional.empty();
    }
    Set<String> bound = new LinkedHashSet<>();
    for (ImportedName n : st.names()) {
      if (n.name().equals("*")) {
        return Optional.empty(); // binds names we cannot list
      }
      if (n.asname() != null) {
        bound.add(n.asname());
      } else if (st.kind() == ImportKind.IMPORT) {
        bound.add(n.name().split("\\.")[0]);
      } else {
        bound.add(n.name());
      }
    }
    // Where the bound names are used, the import statement itself aside.
    int inFunctions = 0;
    int inAnnotations = 0;
    for (NameUses.Use u : NameUses.scan(source(site.file()).orElseThrow().text()).uses()) {
      if (!bound.contains(u.name()) || (u.line() >= st.line() && u.line() <= st.endLine())) {
        continue;
      }
      if (u.inAnnotation()) {
        inAnnotations++;
      } else if (u.inFunction()) {
        inFunctions++;
      } else {
        return Optional.empty(); // used at import time: neither fix applies
      }
    }
    if (inFunctions + inAnnotations == 0) {
      return Optional.empty();
    }
    return Optional.of(inFunctions > 0 ? FixKind.FUNCTION_LOCAL : FixKind.TYPE_CHECKING);
  }

  /**
   * The site of {@code edge} with what the runtime pass missed filled from the source: the text
   * of a statement at a known line, or, for an import seen without a site, the statement in the
   * importer's file that names the module. Filled sites are marked {@link ImportSite#fromStatic()}.
   */
  public ImportSite fill(ImportEdge edge, RuntimeImportGraph graph) {
    ImportSite site = edge.site();
    if (site != null) {
      if (site.statement() != null) {
        return site;
      }
      return statementAt(site.file(), site.line())
          .map(st -> new ImportSite(site.file(), site.line(), oneLine(st.text()), true))
          .orElse(site);
    }
    String importerFile =
        graph.details(edge.importer()).map(ImportLog.LoadedModule::file).orElse(null);
    if (importerFile == null) {
      return null;
    }
    String pkg = packageOf(edge.importer(), importerFile);
    return source(importerFile)
        .flatMap(
            s ->
                s.facts().imports().stream()
                    .filter(st -> names(st, pkg).contains(edge.module()))
                    .findFirst())
        .map(st -> new ImportSite(importerFile, st.line(), oneLine(st.text()), true))
        .orElse(null);
  }

  /** The absolute modules a statement names, with {@code from X import y} also as X.y. */
  static List<String> names(ImportStatement st, String pkg) {
    if (st.kind() == ImportKind.IMPORT) {
      return st.names().stream().map(ImportedName::name).toList();
    }
    String base = st.module() == null ? "" : st.module();
    if (st.level() > 0) {
      String[] parts = pkg.isEmpty() ? new String[0] : pkg.split("\\.");
      int keep = parts.length - (st.level() - 1);
      if (keep < 0) {
        return List.of();
      }
      String anchor = String.join(".", java.util.Arrays.copyOf(parts, Math.max(keep, 0)));
      base = anchor.isEmpty() ? base : base.isEmpty() ? anchor : anchor + "." + base;
    }
    String from = base;
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    out.add(from);
    st.names().forEach(n -> out.add(from.isEmpty() ? n.name() : from + "." + n.name()));
    return out;
  }

  private static String packageOf(String module, String file) {
    if (isPackageInit(file)) {
      return module;
    }
    int dot = module.lastIndexOf('.');
    return dot < 0 ? "" : module.substring(0, dot);
  }

  private static boolean isPackageInit(String file) {
    String name = Path.of(file).getFileName().toString();
    return name.startsWith("__init__.");
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\\\?\\n\\s*", " ").strip();
  }

  private Optional<Source> source(String file) {
    if ("<string>".equals(file) && commandLineCode != null) {
      return Optional.of(new Source(commandLineCode, SourceScanner.scan(commandLineCode)));
    }
    if (file == null || file.startsWith("<") || !file.endsWith(".py")) {
      return Optional.empty();
    }
    return files.computeIfAbsent(
        file,
        f -> {
          try {
            byte[] bytes = Files.readAllBytes(Path.of(f));
            return Optional.of(
                new Source(new String(bytes, StandardCharsets.UTF_8), SourceScanner.scan(bytes)));
          } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone or unreadable: the runtime data stands alone
          }
        });
  }
}
