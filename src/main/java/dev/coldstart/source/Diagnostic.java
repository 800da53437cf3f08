package dev.coldstart.source;

/**
 * Something the scanner could not make sense of: the file's line (1-based; 0 for the whole file)
 * and a message. The scanner reports it and goes on with partial results.
 */
public record Diagnostic(int line, String message) {}
