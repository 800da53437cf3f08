package dev.coldstart.source;

/**
 * One alias of an import statement, as in CPython's {@code ast.alias}: for {@code import a.b as c}
 * name is "a.b" and asname "c"; for {@code from m import *} name is "*". asname is null when absent.
 * Identifiers are NFKC-normalized like CPython does.
 */
public record ImportedName(String name, String asname) {}
