package dev.coldstart.explain;

/** The kind of change that defers an import; names the fix the user would make. */
public enum FixKind {
  /** A package {@code __init__} re-exports names: make it lazy (PEP 562 {@code __getattr__}). */
  REEXPORT_LAZY_INIT,
  /** A module-level import used only inside functions: import it in those functions. */
  FUNCTION_LOCAL,
  /** An import used only in annotations: move it under {@code if TYPE_CHECKING:}. */
  TYPE_CHECKING,
  /** An optional dependency probed with try/except at import time: probe when first needed. */
  DEFER_OPTIONAL_PROBE,
  /** Not known from the runtime data; static analysis of the statement may tell. */
  UNKNOWN
}
