package dev.coldstart.cli;

import java.io.InputStream;
import java.io.PrintWriter;

/** The streams a verb may use; handed in so tests can capture them. */
public record Io(PrintWriter out, PrintWriter err, InputStream in) {}
