package dev.coldstart.explain;

import java.util.Map;

/**
 * Where self times come from: the profiler's per-module medians and intervals plug in here. A
 * module the profiler did not time (preloaded, or loaded only in the recording pass) costs {@link
 * ModuleCost#ZERO}.
 */
@FunctionalInterface
public interface SelfTimes {
  /** The module's own import time, without the modules it imports. */
  ModuleCost of(String module);

  /** Self times from a map; missing modules cost nothing. */
  static SelfTimes of(Map<String, ModuleCost> byModule) {
    return module -> byModule.getOrDefault(module, ModuleCost.ZERO);
  }
}
