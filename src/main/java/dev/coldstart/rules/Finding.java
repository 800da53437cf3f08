package dev.coldstart.rules;

/**
 * One problem a lint rule found: where, what, and how to fix it.
 *
 * @param code the rule's stable code, e.g. CS101
 * @param file the file, as the user named it (a path under a root given to lint)
 * @param line 1-based line (1 for a finding about a whole file or directory)
 * @param column 1-based column of the statement's first character (1 when not about a statement)
 * @param message what is wrong here, in one sentence
 * @param fix how to fix it (text), naming `coldstart fix` when the fix is automatic
 */
public record Finding(String code, String file, int line, int column, String message, String fix) {}
