package dev.coldstart.source;

import java.util.ArrayList;
import java.util.List;

/**
 * One open compound statement body on the scanner's block stack: the header's indentation, what
 * kind of body it is, and the facts it lends to the statements inside it.
 */
final class Block {
  static final int FUNCTION = 1;
  static final int CLASS = 2;
  static final int IF = 3; // body of if / elif
  static final int ELSE = 4; // else of if, for, while or try
  static final int LOOP = 5;
  static final int TRY = 6; // body of try
  static final int HANDLER = 7; // except / except*
  static final int FINALLY = 8;
  static final int WITH = 9;
  static final int MATCH = 10;
  static final int CASE = 11;

  final int kind;
  final int indent;
  final boolean typeChecking;
  final boolean conditional;
  /** For TRY and HANDLER bodies: the try statement they belong to. */
  final TryStatement tryStatement;

  Block(int kind, int indent, boolean typeChecking, boolean conditional, TryStatement t) {
    this.kind = kind;
    this.indent = indent;
    this.typeChecking = typeChecking;
    this.conditional = conditional;
    this.tryStatement = t;
  }

  boolean isScope() {
    return kind == FUNCTION || kind == CLASS;
  }

  /**
   * A try statement whose handlers are not all seen yet: imports in its body wait here until a
   * handler that catches ImportError marks them guarded.
   */
  static final class TryStatement {
    final List<PendingImport> body = new ArrayList<>(2);
    boolean guards;

    void handlerGuards() {
      if (!guards) {
        guards = true;
        for (PendingImport p : body) {
          p.guarded = true;
        }
      }
    }
  }

  /** An import whose guarded flag may still change when its try's handlers come. */
  static final class PendingImport {
    final ImportStatement draft;
    boolean guarded;

    PendingImport(ImportStatement draft) {
      this.draft = draft;
    }

    ImportStatement done() {
      ImportStatement d = draft;
      return guarded == d.guarded()
          ? d
          : new ImportStatement(d.line(), d.endLine(), d.column(), d.kind(), d.module(), d.level(),
              d.names(), d.lazy(), d.scope(), d.typeChecking(), guarded, d.conditional(), d.text(), d.inTry());
    }
  }
}
