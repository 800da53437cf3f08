package dev.coldstart.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitSpecTest {
  @Test
  void sizesAndPercentsParseAsUsersWriteThem() {
    assertThat(LimitSpec.parseSize("128M")).isEqualTo(128L << 20);
    assertThat(LimitSpec.parseSize("1G")).isEqualTo(1L << 30);
    assertThat(LimitSpec.parseSize("1.5GiB")).isEqualTo(3L << 29);
    assertThat(LimitSpec.parseSize("4096")).isEqualTo(4096);
    assertThat(LimitSpec.parsePercent("10%")).isEqualTo(10);
    assertThat(LimitSpec.parsePercent("12.5")).isEqualTo(12.5);
    assertThatThrownBy(() -> LimitSpec.parseSize("12Q")).isInstanceOf(UserError.class);
    assertThatThrownBy(() -> LimitSpec.parsePercent("0")).isInstanceOf(UserError.class);
  }

  @Test
  void aKillCountsTheModulesWhoseImportFinished() {
    LimitKill k = LimitKill.from(128L << 20, List.of(
        "import time: self [us] | cumulative | imported package",
        "import time:       120 |        120 |   _io",
        "import time:       300 |        420 | json.decoder",
        "Traceback (most recent call last):"));
    assertThat(k.message()).isEqualTo("killed by the memory limit (128M) after 2 modules (the last to finish: json.decoder)");
    assertThat(LimitKill.from(128L << 20, List.of("coldstart-cpu-ms: 3.5")).message())
        .isEqualTo("killed by the memory limit (128M) before it finished");
  }

  @Test
  void measuredUnderSaysWhatWasNotApplied() {
    LimitSpec asked = new LimitSpec(10, 128L << 20, true, false);
    assertThat(new MeasuredUnder(asked, asked, null).describe()).isEqualTo("cpu=10%, memory=128M, cold-cache");
    MeasuredUnder partly = new MeasuredUnder(asked, new LimitSpec(0, 0, true, false), "no cgroup");
    assertThat(partly.describe()).isEqualTo("cpu=10%, memory=128M asked but NOT applied (--limits best-effort); cold-cache applied");
    assertThat(partly.comparableWith(new MeasuredUnder(new LimitSpec(0, 0, true, false), new LimitSpec(0, 0, true, false), null))).isTrue();
    assertThat(MeasuredUnder.NOTHING.describe()).isEqualTo("no limits");
  }

  @Test
  void constraintsReadTheWayReportsShowThem() {
    assertThat(new LimitSpec(10, 128L << 20, true, true).describe())
        .containsExactly("cpu=10%", "memory=128M", "cold-cache", "no-bytecode-cache");
    assertThat(new LimitSpec(12.5, 1536L << 20, false, false).describe()).containsExactly("cpu=12.5%", "memory=1536M");
    assertThat(LimitSpec.NONE.describe()).isEmpty();
  }

  @Test
  void cfsQuotaIsTheShareOfAHundredMillisecondPeriod() {
    assertThat(CgroupV1.quotaUs(10)).isEqualTo(10_000);
    assertThat(CgroupV1.quotaUs(250)).isEqualTo(250_000);
    assertThat(CgroupV1.quotaUs(1)).isEqualTo(1_000);
  }

  @Test
  void cgroupLayoutIsReadFromProcFiles() {
    String mounts =
        "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0\n"
            + "cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0\n"
            + "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime,nsdelegate 0 0\n"
            + "proc /proc proc rw 0 0\n";
    List<CgroupFiles.Mount> m = CgroupFiles.mounts(mounts);
    assertThat(m).hasSize(3);
    assertThat(m.get(0).controllers()).containsExactly("cpu", "cpuacct");
    assertThat(m.get(0).dir()).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
    assertThat(m.get(2).v2()).isTrue();
    String proc = "4:memory:/process_api/abc\n2:cpu,cpuacct:/\n0::/user.slice/x.scope\n";
    assertThat(CgroupFiles.v1Path(proc, "memory")).contains("/process_api/abc");
    assertThat(CgroupFiles.v1Path(proc, "cpu")).contains("/");
    assertThat(CgroupFiles.v2Path(proc)).contains("/user.slice/x.scope");
  }

  @Test
  void theWrapperJoinsEveryGroupBeforeExecWithoutQuotingTheCommand() {
    List<String> cmd =
        Cgroup.joinThenExec(List.of(Path.of("/cg/cpu/it's/cgroup.procs")), List.of("/usr/bin/python3", "-c", "print('$HOME')"));
    assertThat(cmd.subList(0, 2)).containsExactly("/bin/sh", "-c");
    assertThat(cmd.get(2)).isEqualTo("echo $$ > '/cg/cpu/it'\\''s/cgroup.procs' && exec \"$0\" \"$@\"");
    assertThat(cmd.subList(3, 6)).containsExactly("/usr/bin/python3", "-c", "print('$HOME')");
  }
}
