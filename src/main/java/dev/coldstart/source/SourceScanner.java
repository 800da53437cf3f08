package dev.coldstart.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The static engine's entry point: reads one Python source file's bytes and returns its {@link
 * ModuleFacts}. Pure and thread-safe; never throws on any input (bad syntax, bad encodings, binary
 * garbage): problems become diagnostics and the facts found so far are kept.
 *
 * <p>Pipeline: {@link SourceDecoder} (BOM, PEP 263 cookie, to UTF-8) then {@link Lexer} (logical
 * lines of tokens) then {@link StatementScanner} (blocks, imports, module names). Linear in the
 * input size.
 */
public final class SourceScanner {
  private SourceScanner() {}

  /** Scans a whole file's bytes as CPython would read them. */
  public static ModuleFacts scan(byte[] source) {
    return scan(source, source.length, true);
  }

  /** Scans the first length bytes of buffer (a reused read buffer, say); does not keep it. */
  public static ModuleFacts scan(byte[] buffer, int length) {
    return scan(buffer, length, true);
  }

  /**
   * Scans with or without passing over plain statements in def and class bodies untokenized; both
   * give the same facts (a test holds the fast way to the full one).
   */
  static ModuleFacts scan(byte[] source, int length, boolean skipPlain) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    StatementScanner scanner = null;
    try {
      SourceDecoder.Utf8 utf8 = SourceDecoder.toUtf8(source, length, diagnostics);
      scanner = new StatementScanner(utf8.bytes(), utf8.length(), diagnostics, skipPlain);
      scanner.run();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A bug in the scanner must not cost the caller the whole run; fuzz tests look for this.
      diagnostics.add(new Diagnostic(0, INTERNAL + e));
    }
    if (scanner == null) {
      return new ModuleFacts(List.of(), java.util.Optional.empty(), false, false, List.of(),
          diagnostics, java.util.Optional.empty());
    }
    ModuleNames names = scanner.names();
    return new ModuleFacts(
        scanner.imports(),
        names.dunderAll(),
        names.has("__getattr__"),
        names.has("__dir__"),
        names.bound(),
        diagnostics,
        names.lazyModules());
  }

  /** Scans source text (for tests and tools that already hold a string). */
  public static ModuleFacts scan(String source) {
    return scan(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Prefix of the diagnostic reported when the scanner itself failed. */
  static final String INTERNAL = "internal scanner error: ";
}
