package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BisectTest {
  @Test
  void picksTheMiddleThenTheNearestUntriedNeighbour() {
    assertThat(Bisect.pick(0, 63, Set.of())).isEqualTo(31);
    assertThat(Bisect.pick(0, 63, Set.of(31))).isEqualTo(32);
    assertThat(Bisect.pick(0, 63, Set.of(31, 32))).isEqualTo(30);
    assertThat(Bisect.pick(3, 5, Set.of())).isEqualTo(4);
  }

  @Test
  void noCandidateWhenEveryCommitBetweenIsSkipped() {
    assertThat(Bisect.pick(3, 5, Set.of(4))).isEqualTo(-1);
    assertThat(Bisect.pick(3, 4, Set.of())).isEqualTo(-1);
  }

  @Test
  void minShiftIsAPercentageOfGoodOrMilliseconds() {
    assertThat(Bisect.MinShift.parse("2%").ms(50)).isEqualTo(1.0);
    assertThat(Bisect.MinShift.parse("1.5ms").ms(50)).isEqualTo(1.5);
    assertThat(Bisect.MinShift.parse(" 3 ").ms(50)).isEqualTo(3.0);
    assertThatThrownBy(() -> Bisect.MinShift.parse("fast")).isInstanceOf(UserError.class).hasMessageContaining("--min-shift");
    assertThatThrownBy(() -> Bisect.MinShift.parse("-1%")).isInstanceOf(UserError.class);
  }

  @Test
  void theWrapperReportsCpuAndWallTime() {
    String code = AbSampler.cpuArgs(new dev.coldstart.python.Target.Module("json")).get(1);
    assertThat(code).contains(AbSampler.CPU_LINE).contains(AbSampler.WALL_LINE).contains("perf_counter");
  }
}
