package dev.coldstart.fix;

import java.util.List;
import java.util.Set;

/**
 * What one codemod does to one file, as data.
 *
 * @param kind the codemod
 * @param edits the line edits, against the original file
 * @param deferred the import statements that no longer run at import time
 * @param removedNames module attributes that no longer exist after import (moved into functions or
 *     under TYPE_CHECKING); the public API check allows exactly these to go
 * @param addedNames module attributes the rewrite adds (e.g. {@code TYPE_CHECKING})
 * @param summary one line for the user
 */
public record Change(
    Codemod kind,
    List<Edit> edits,
    List<Deferral> deferred,
    Set<String> removedNames,
    Set<String> addedNames,
    String summary) {
  public Change {
    edits = List.copyOf(edits);
    deferred = List.copyOf(deferred);
    removedNames = Set.copyOf(removedNames);
    addedNames = Set.copyOf(addedNames);
  }

  /** An import statement that a change defers: its original lines (1-based) and text. */
  public record Deferral(int line, int endLine, String statement) {}
}
