package dev.coldstart.explain;

import dev.coldstart.dist.Distributions;
import dev.coldstart.profile.Profile;
import dev.coldstart.stats.Estimate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A profile joined with one recorded run of the same target: the runtime import graph, each
 * module's retained time, the ranked opportunities and the distributions of extension modules.
 *
 * <p>Self times are the profile's per-module medians and 95 % intervals ({@code -X importtime}
 * self time); a module the profile did not time (preloaded, or loaded by {@code import_module},
 * which has no row of its own) costs zero, its time being in its importer's self time. Predictions
 * sum the freed modules' self times per run and take the median (see {@link SelfTimes}), also as a
 * share of each run's import time.
 *
 * @param graph the recorded run's import graph
 * @param retained retained times over that graph
 * @param opportunities what deferring saves, largest first (only the largest when made with a limit)
 * @param distributions for each extension module in the graph, the distribution it came from
 * @param lateLoads for each module that has any, the modules it brought in after its own import
 *     had finished (see {@link LateLoads}); their self times are added to its cumulative time
 * @param lazyImports the program's lazy imports (Python 3.15+), each reified one with what moving
 *     its use out of start-up would save
 */
public record Explanation(
    RuntimeImportGraph graph,
    RetainedTime retained,
    List<Opportunity> opportunities,
    Map<String, Profile.Distribution> distributions,
    Map<String, List<String>> lateLoads,
    List<LazyCost> lazyImports) {

  /**
   * A lazy import and, when it was reified during start-up, what start-up still pays for it: the
   * saving of not reifying it (its use's imports deferred), null otherwise.
   */
  public record LazyCost(LazyImport lazy, Opportunity ifUseMoved) {}

  /**
   * What explaining a recorded run needs before any time is known: its graph, the graph's
   * dominators, the planned what-ifs and the extension modules' distributions. Most of the cost of
   * an explanation is here, so the profiler makes it on the side while the timed runs go on.
   */
  public static final class Prepared {
    private final RuntimeImportGraph graph;
    private final Dominators dominators;
    private final Opportunities.Plan plan;
    private final Map<String, Profile.Distribution> distributions;
    private final Map<String, List<String>> lateLoads;

    private Prepared(
        RuntimeImportGraph graph,
        Dominators dominators,
        Opportunities.Plan plan,
        Map<String, Profile.Distribution> distributions,
        Map<String, List<String>> lateLoads) {
      this.graph = graph;
      this.dominators = dominators;
      this.plan = plan;
      this.distributions = distributions;
      this.lateLoads = lateLoads;
    }

    /** The recorded run's import graph. */
    public RuntimeImportGraph graph() {
      return graph;
    }
  }

  /** Prepares the explanation of the recorded run {@code log}. */
  public static Prepared prepare(ImportLog log, StaticImports statics) {
    RuntimeImportGraph graph = RuntimeImportGraph.from(log);
    Dominators dominators = Dominators.of(graph);
    Opportunities.Plan plan = Opportunities.plan(graph, dominators, statics.hints());
    Distributions dists = new Distributions();
    Map<String, Profile.Distribution> byModule = new LinkedHashMap<>();
    for (String module : graph.modules()) {
      graph
          .details(module)
          .filter(ImportLog.LoadedModule::isExtension)
          .flatMap(d -> dists.of(d.file()))
          .map(Explanation::wheelOf)
          .ifPresent(d -> byModule.put(module, d));
    }
    return new Prepared(graph, dominators, plan, Map.copyOf(byModule), LateLoads.of(log));
  }

  /** Explains {@code profile} with the recorded run {@code log}. */
  public static Explanation of(Profile profile, ImportLog log, StaticImports statics) {
    return of(profile, prepare(log, statics));
  }

  /** Explains {@code profile} with a recorded run of the same target, prepared. */
  public static Explanation of(Profile profile, Prepared prepared) {
    return of(profile, prepared, Integer.MAX_VALUE);
  }

  /**
   * Explains {@code profile} with a recorded run of the same target, prepared, keeping the
   * {@code limit} largest opportunities (fix kinds are worked out for those only).
   */
  public static Explanation of(Profile profile, Prepared prepared, int limit) {
    Map<String, ModuleCost> self = new HashMap<>();
    Map<String, double[]> runs = new HashMap<>();
    for (Profile.ModuleStat m : profile.modules()) {
      if (!m.failed()) {
        self.put(
            m.name(),
            new ModuleCost(
                m.selfMs().median() * 1000, m.selfMs().low() * 1000, m.selfMs().high() * 1000));
        if (m.selfRunsMs() != null && m.selfRunsMs().size() == profile.runs()) {
          runs.put(
              m.name(),
              m.selfRunsMs().stream().mapToDouble(v -> v == null ? 0 : v * 1000).toArray());
        }
      }
    }
    RetainedTime retained =
        RetainedTime.of(
            prepared.graph,
            prepared.dominators,
            runs.isEmpty() ? SelfTimes.of(self) : SelfTimes.of(self, runs, profile.runs(), importRuns(profile)));
    List<LazyCost> lazy = new ArrayList<>();
    for (LazyImport l : prepared.graph.lazyImports()) {
      boolean priced = l.reified() != null && !l.reified().edges().isEmpty();
      lazy.add(new LazyCost(l, priced ? Opportunities.whatIf(retained, l.reified().edges()) : null));
    }
    return new Explanation(
        prepared.graph,
        retained,
        prepared.plan.price(retained, limit),
        prepared.distributions,
        prepared.lateLoads,
        List.copyOf(lazy));
  }

  /**
   * The wheel an extension module came from. A distribution without wheel tags was built on this
   * machine from source: its extension modules are platform-specific too.
   */
  private static Profile.Distribution wheelOf(Distributions.Dist d) {
    return new Profile.Distribution(
        d.name(),
        d.version().isEmpty() ? null : d.version(),
        d.tags(),
        d.tags().isEmpty() || d.platformSpecific());
  }

  /** Extension modules the run loaded, in load order. */
  public List<ImportLog.LoadedModule> extensions() {
    List<ImportLog.LoadedModule> out = new ArrayList<>();
    for (String m : graph.modules()) {
      graph.details(m).filter(ImportLog.LoadedModule::isExtension).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The profile with retained times, distributions and the top {@code limit} opportunities added,
   * and cumulative times that include each module's {@linkplain #lateLoads() late loads} (every
   * other figure unchanged).
   */
  public Profile addTo(Profile p, int limit) {
    Map<String, Profile.ModuleStat> byName = new HashMap<>();
    p.modules().forEach(m -> byName.putIfAbsent(m.name(), m));
    List<Profile.ModuleStat> modules = new ArrayList<>();
    for (Profile.ModuleStat m : p.modules()) {
      List<Profile.ModuleStat> late =
          lateLoads.getOrDefault(m.name(), List.of()).stream()
              .map(byName::get)
              .filter(x -> x != null && !x.failed())
              .toList();
      Estimate cumulative = m.cumulativeMs();
      List<Double> cumulativeRuns = m.cumulativeRunsMs();
      if (!late.isEmpty()) {
        if (cumulativeRuns != null && late.stream().allMatch(x -> x.selfRunsMs() != null)) {
          cumulativeRuns = withLate(cumulativeRuns, late);
          cumulative =
              Estimate.of(
                  cumulativeRuns.stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
        } else {
          for (Profile.ModuleStat x : late) {
            cumulative = plus(cumulative, x.selfMs());
          }
        }
      }
      Profile.Interval kept =
          graph.contains(m.name()) ? ms(retained.retained(m.name())) : null;
      modules.add(
          new Profile.ModuleStat(
              m.name(),
              m.selfMs(),
              toNanosecond(cumulative),
              m.runs(),
              m.file(),
              m.extension(),
              m.failed(),
              m.bare() || graph.isStartup(m.name()), // the interpreter's start-up loads it
              m.depth(),
              kept,
              distributions.get(m.name()),
              m.selfRunsMs(),
              cumulativeRuns));
    }
    modules.sort(
        java.util.Comparator.comparingDouble((Profile.ModuleStat m) -> -m.cumulativeMs().median())
            .thenComparing(Profile.ModuleStat::name));
    List<Profile.Opportunity> top =
        opportunities.stream().limit(limit).map(Explanation::toProfile).toList();
    return new Profile(
        p.schema(),
        p.target(),
        p.python(),
        p.machine(),
        p.startedAt(),
        p.runs(),
        p.warmup(),
        p.constraints(),
        p.wallMs(),
        p.bareWallMs(),
        p.aboveBareMs(),
        p.importMs(),
        p.bareImportMs(),
        p.moduleCount(),
        p.bareModuleCount(),
        List.copyOf(modules),
        p.tree(),
        p.notes(),
        p.stoppedBy(),
        top,
        p.samples(),
        p.loaded(),
        lazyImports.isEmpty() ? null : lazyImports.stream().map(Explanation::toProfile).toList(),
        p.lazyAll(),
        p.bodies());
  }

  /** A lazy import as the profile's JSON carries it; reified ones cost, most first. */
  private static Profile.LazyImport toProfile(LazyCost c) {
    LazyImport l = c.lazy();
    String status = l.reified() != null ? "reified" : l.loaded() ? "loaded-anyway" : "avoided";
    String by =
        l.how() == null ? null : l.how().name().toLowerCase(Locale.ROOT).replace('_', '-');
    ImportSite d = l.declared();
    Profile.Site declared =
        d == null ? null : new Profile.Site(l.importer(), d.file(), d.line(), d.statement(), null);
    Profile.Site reified = null;
    if (l.reified() != null) {
      ImportSite u = l.reified().site();
      reified =
          new Profile.Site(
              l.reified().module(),
              u == null ? null : u.file(),
              u == null ? 0 : u.line(),
              u == null ? null : u.statement(),
              l.reified().function());
    }
    Opportunity o = c.ifUseMoved();
    return new Profile.LazyImport(
        l.module(),
        status,
        by,
        l.filter(),
        declared,
        reified,
        o == null ? null : ms(o.saving()),
        o == null ? List.of() : o.freed());
  }

  /** Per-run cumulative times (null where the module had no row) plus the late modules' self times. */
  private static List<Double> withLate(List<Double> cumulativeRuns, List<Profile.ModuleStat> late) {
    List<Double> out = new ArrayList<>(cumulativeRuns);
    for (int run = 0; run < out.size(); run++) {
      if (out.get(run) == null) {
        continue;
      }
      double sum = out.get(run);
      for (Profile.ModuleStat x : late) {
        Double self = run < x.selfRunsMs().size() ? x.selfRunsMs().get(run) : null;
        sum += self == null ? 0 : self;
      }
      out.set(run, sum);
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /** Each run's import time in µs, in run order, or null when the profile does not carry them. */
  private static double[] importRuns(Profile profile) {
    if (profile.samples() == null
        || profile.samples().importMs() == null
        || profile.samples().importMs().size() != profile.runs()) {
      return null;
    }
    return profile.samples().importMs().stream().mapToDouble(v -> v * 1000).toArray();
  }

  /** A sum of two estimates without samples: medians and interval ends added (see ModuleCost). */
  private static Estimate plus(Estimate a, Estimate b) {
    return new Estimate(
        a.median() + b.median(), a.low() + b.low(), a.high() + b.high(), Math.min(a.coverage(), b.coverage()), a.n());
  }

  /** An opportunity as the profile's JSON carries it. */
  public static Profile.Opportunity toProfile(Opportunity o) {
    ImportSite s = o.site();
    return new Profile.Opportunity(
        o.scope().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        o.importer(),
        o.module(),
        s == null ? null : s.file(),
        s == null ? 0 : s.line(),
        s == null ? null : s.statement(),
        ms(o.saving()),
        o.share() == null ? null : share(o.share()),
        o.freed(),
        o.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /**
   * Microseconds to the profile's milliseconds, to the nanosecond: sums of the same times made in
   * another order (retained time, cumulative time) then print the same, not 30.657999999999998
   * against 30.658.
   */
  public static Profile.Interval ms(ModuleCost c) {
    return new Profile.Interval(nanosecond(c.median() / 1000), nanosecond(c.low() / 1000), nanosecond(c.high() / 1000));
  }

  /** A share (0..1) to four decimals, as the JSON carries it. */
  private static Profile.Interval share(ModuleCost c) {
    return new Profile.Interval(
        Math.round(c.median() * 1e4) / 1e4, Math.round(c.low() * 1e4) / 1e4, Math.round(c.high() * 1e4) / 1e4);
  }

  private static double nanosecond(double ms) {
    return Math.round(ms * 1e6) / 1e6;
  }

  private static Estimate toNanosecond(Estimate e) {
    return new Estimate(nanosecond(e.median()), nanosecond(e.low()), nanosecond(e.high()), e.coverage(), e.n());
  }
}
