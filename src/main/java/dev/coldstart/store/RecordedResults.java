package dev.coldstart.store;

import dev.coldstart.gate.KnownResults;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results store as {@code coldstart bisect} reads it ({@link KnownResults}): only recordings of
 * the same entry, interpreter (implementation and version), machine ({@link Machine#id()}) and
 * limits as bisect's own runs, made at a commit without uncommitted changes. A dirty recording
 * measured something no commit holds; another machine's runs another CPU and kernel.
 *
 * <ul>
 *   <li>A module set also needs the same interpreter executable: two environments of one Python
 *       version load different packages. Recordings without a module set (made before schema
 *       version 3, or without an import recording) answer nothing.
 *   <li>The hint is the largest upward change point (the detection {@code coldstart history}
 *       uses, {@link Changes}) of the series restricted to the commits between GOOD and BAD, in
 *       their order on the line; points outside the range are left out, so another branch's
 *       recordings cannot make or hide a change inside it.
 * </ul>
 */
public final class RecordedResults implements KnownResults {
  private final Store store;
  private final String machine;

  private RecordedResults(Store store, String machine) {
    this.store = store;
    this.machine = machine;
  }

  /** Results from {@code store} recorded on {@code machine} (bisect passes {@link Machine#current()}). */
  public static KnownResults of(Store store, Machine machine) {
    return new RecordedResults(store, machine.id());
  }

  @Override
  public Optional<Modules> modulesLoaded(String commit, Run run) {
    Store.Loaded l = store.loadedAt(commit, kind(run, run.executable()));
    return l == null ? Optional.empty() : Optional.of(new Modules(l.modules(), l.recordedAt()));
  }

  @Override
  public Optional<Hint> slowdown(List<String> line, Run run) {
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < line.size(); i++) {
      order.put(line.get(i), i);
    }
    Series s = store.seriesOver(order, kind(run, null));
    Series.ChangePoint best = null;
    for (Series.ChangePoint cp : s.changePoints()) {
      if (cp.after() > cp.before() && (best == null || cp.after() - cp.before() > best.after() - best.before())) {
        best = cp;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    String previous = s.points().get(best.index() - 1).commit();
    if (previous.equals(best.commit())) {
      return Optional.empty(); // two recordings of one commit on either side: no commit to name
    }
    return Optional.of(new Hint(best.commit(), previous, best.before(), best.after(), s.points().size()));
  }

  @Override
  public String where() {
    return store.location().redacted();
  }

  private Store.Kind kind(Run run, String executable) {
    return new Store.Kind(run.target(), run.implementation(), run.version(), executable, machine, run.limits());
  }
}
