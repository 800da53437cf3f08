package dev.coldstart.source;

import java.util.List;

/**
 * What a module declares in {@code __lazy_modules__} at module level (PEP 810): the string
 * literals assigned with {@code =} or {@code +=} (a list, tuple or set) or added with {@code
 * .extend([...])} / {@code .append("...")}, in order, without duplicates. On Python 3.15+ an import
 * statement of the file whose module is listed becomes lazy; older Pythons ignore the name.
 *
 * <p>Measured on CPython 3.15.2: the match is exact on the full name ({@code "xml"} does not make
 * {@code import xml.dom} lazy, {@code "xml.dom"} does); for {@code from X import y} it is X,
 * resolved ({@code from . import sub} in package {@code pkg} is lazy when {@code "pkg"} is listed,
 * {@code from .a import A} when {@code "pkg.a"} is); only imports that run after the list is bound,
 * at module level and outside try statements, are affected.
 *
 * @param entries the listed module names with the line of each literal
 * @param dynamic some statement changed it with anything other than literals (entries are then a
 *     lower bound)
 * @param line the first line that binds it
 */
public record LazyModules(List<Entry> entries, boolean dynamic, int line) {
  public LazyModules {
    entries = List.copyOf(entries);
  }

  /** One listed module name and the line of its literal. */
  public record Entry(String module, int line) {}

  /** The listed module names, in order. */
  public List<String> modules() {
    return entries.stream().map(Entry::module).toList();
  }
}
