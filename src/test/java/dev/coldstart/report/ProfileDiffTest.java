package dev.coldstart.report;

import static dev.coldstart.report.Profiles.est;
import static dev.coldstart.report.Profiles.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.profile.Profile;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {
  private static Profile.ModuleStat mod(String name, double cum, double low, double high) {
    return new Profile.ModuleStat(name, est(1, 0.9, 1.1), est(cum, low, high), 10, "/x/" + name + ".py", false, false, false, 0);
  }

  private static Profile profile(List<Profile.ModuleStat> mods, Profile.RunSamples samples) {
    return Profiles.of("import app", List.of(node("app", 1, 10)), mods, samples);
  }

  private static List<Double> around(double centre, double spread, int n) {
    return DoubleStream.iterate(centre - spread, v -> v + 2 * spread / (n - 1)).limit(n).boxed().toList();
  }

  @Test
  void modulesAddedRemovedAndChangedAreTold() {
    Profile a = profile(List.of(mod("app", 10, 9, 11), mod("old", 3, 2.8, 3.2), mod("same", 5, 4, 6), mod("slow", 2, 1.9, 2.1)), null);
    Profile b = profile(List.of(mod("app", 10.5, 9, 12), mod("new", 4, 3.5, 4.5), mod("new2", 1, 1, 1), mod("same", 5.5, 4.5, 6.5), mod("slow", 4, 3.8, 4.2)), null);
    ProfileDiff d = ProfileDiff.of(a, b);
    assertThat(d.added()).extracting(ProfileDiff.Listed::name).containsExactly("new", "new2");
    assertThat(d.removed()).extracting(ProfileDiff.Listed::name).containsExactly("old");
    assertThat(d.changed()).extracting(ProfileDiff.ModuleChange::name).containsExactly("slow", "app", "same");
    // Only slow's intervals are apart; app and same overlap, so they are not flagged.
    assertThat(d.significant()).extracting(ProfileDiff.ModuleChange::name).containsExactly("slow");
    ProfileDiff.Change slow = d.changed().get(0).cumulative();
    assertThat(slow.delta()).isEqualTo(2.0);
    assertThat(slow.low()).isCloseTo(3.8 - 2.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(slow.method()).isEqualTo("intervals");
  }

  @Test
  void fasterIsFlaggedToo() {
    ProfileDiff d =
        ProfileDiff.of(profile(List.of(mod("m", 8, 7.5, 8.5)), null), profile(List.of(mod("m", 2, 1.5, 2.5)), null));
    assertThat(d.significant()).hasSize(1);
    assertThat(d.significant().get(0).cumulative().delta()).isEqualTo(-6.0);
  }

  @Test
  void totalsUseTheShiftOfPerRunSamplesWhenBothHaveThem() {
    // Intervals of the medians overlap (est(...) is -10 %/+20 %), but 20 runs each, shifted by 8 ms
    // with a spread of 2 ms, differ clearly.
    var sa = new Profile.RunSamples(around(100, 2, 20), around(50, 1, 20), List.of(), List.of());
    var sb = new Profile.RunSamples(around(108, 2, 20), around(50.2, 1, 20), List.of(), List.of());
    Profile a = Profiles.of("import app", List.of(node("app", 1, 10)), List.of(mod("app", 10, 9, 11)), sa);
    Profile b = withWall(Profiles.of("import app", List.of(node("app", 1, 10)), List.of(mod("app", 10, 9, 11)), sb), 108);
    a = withWall(a, 100);
    ProfileDiff d = ProfileDiff.of(a, b);
    assertThat(d.wall().method()).isEqualTo("shift");
    assertThat(d.wall().significant()).isTrue();
    assertThat(d.wall().delta()).isCloseTo(8, org.assertj.core.data.Offset.offset(0.01));
    assertThat(d.wall().low()).isGreaterThan(0);
    // Import time moved 0.2 ms with a 1 ms spread: within noise.
    assertThat(d.imports().method()).isEqualTo("shift");
    assertThat(d.imports().significant()).isFalse();
    // The same medians without samples: the intervals overlap, nothing is flagged.
    ProfileDiff noSamples = ProfileDiff.of(withSamples(a, null), withSamples(b, null));
    assertThat(noSamples.wall().method()).isEqualTo("intervals");
    assertThat(noSamples.wall().significant()).isFalse();
  }

  @Test
  void textAndMarkdownShowOnlySignificantChanges() {
    Profile a = profile(List.of(mod("app", 10, 9, 11), mod("noise", 5, 4, 6), mod("slow", 2, 1.9, 2.1)), null);
    Profile b = profile(List.of(mod("app", 10, 9, 11), mod("noise", 5.8, 4.5, 6.5), mod("slow", 4, 3.8, 4.2), mod("a|b*c", 1, 1, 1)), null);
    ProfileDiff d = ProfileDiff.of(a, b);
    String text = DiffReport.text(d, new DiffReport.Options(20));
    assertThat(text).contains("Changed beyond noise: 1 of 3", "2.00 -> 4.00 (+2.00) *", "slow", "2 module(s) within noise");
    assertThat(text).doesNotContain("noise\n").doesNotContain("  noise");
    String md = DiffReport.markdown(d, new DiffReport.Options(20));
    assertThat(md).contains("| slow | 2.00 → 4.00 | **+2.00** 🔺 |", "a\\|b\\*c").doesNotContain("| noise |");
  }

  @Test
  void htmlEscapesNamesAndColoursOnlySignificantChanges() {
    String evil = "<img src=x onerror=alert(1)>";
    Profile a = profile(List.of(mod("slow", 2, 1.9, 2.1), mod("noise", 5, 4, 6)), null);
    Profile b = profile(List.of(mod("slow", 4, 3.8, 4.2), mod("noise", 5.5, 4, 6), mod(evil, 1, 1, 1)), null);
    String html = DiffReport.html(ProfileDiff.of(a, b), new DiffReport.Options(20));
    assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
    assertThat(html).contains("<tr class=\"slower\"><td><code>slow</code>").contains("<tr class=\"same\"><td><code>noise</code>");
    assertThat(html).doesNotContain("<script");
  }

  private static Profile withWall(Profile p, double wall) {
    return Profiles.copy(p, est(wall), p.modules(), p.notes(), p.samples());
  }

  private static Profile withSamples(Profile p, Profile.RunSamples s) {
    return Profiles.copy(p, p.wallMs(), p.modules(), p.notes(), s);
  }
}
