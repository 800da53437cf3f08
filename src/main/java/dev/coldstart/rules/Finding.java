package dev.coldstart.rules;

import java.util.List;

/**
 * One problem a lint rule found: where, what, and how to fix it. Rules make findings with the
 * six-argument constructor; {@link LintReport#rank} adds the estimated cost and folds the other
 * findings about the same statement into {@code also}.
 *
 * @param code the rule's stable code, e.g. CS101
 * @param file the file, as the user named it (a path under a root given to lint)
 * @param line 1-based line (1 for a finding about a whole file or directory)
 * @param column 1-based column of the statement's first character (1 when not about a statement)
 * @param message what is wrong here, in one sentence
 * @param fix how to fix it (text), naming `coldstart fix` when the fix is automatic
 * @param modules the estimated cost: how many modules the statement loads that would not be loaded
 *     anyway (see {@code StatementCosts}); null when unknown (not a statement, or nothing resolved)
 * @param also the findings of other rules about the same statement, less specific than this one
 */
public record Finding(
    String code, String file, int line, int column, String message, String fix, Integer modules, List<Also> also) {
  public Finding {
    also = List.copyOf(also);
  }

  /** A finding as a rule makes it: cost not yet estimated, nothing folded in. */
  public Finding(String code, String file, int line, int column, String message, String fix) {
    this(code, file, line, column, message, fix, null, List.of());
  }

  /**
   * Another rule's finding about the same statement, kept with the most specific one.
   *
   * @param code its rule's code
   * @param message its message
   * @param fix its fix
   */
  public record Also(String code, String message, String fix) {}
}
