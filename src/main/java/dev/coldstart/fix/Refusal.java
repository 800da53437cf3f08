package dev.coldstart.fix;

/**
 * A rewrite a codemod would not make, and why: at a statement (line, text) or for the whole file
 * (line 0, statement null).
 */
public record Refusal(Codemod kind, int line, String statement, String reason) {}
