package dev.coldstart.source;

import java.util.List;

/**
 * What a module declares in {@code __all__} at module level: the string literals assigned with
 * {@code =}, added with {@code +=}, {@code .extend([...])} or {@code .append("...")}, in order, without
 * duplicates. dynamic is true when some statement changed {@code __all__} with anything other than
 * literals (the names are then a lower bound). line is the first line that binds it.
 */
public record DunderAll(List<String> names, boolean dynamic, int line) {
  public DunderAll {
    names = List.copyOf(names);
  }
}
