package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import dev.coldstart.python.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartRequestTest {
  @TempDir Path dir;

  @Test
  void readsEveryTargetFormTheCommandLineKnows() throws Exception {
    assertThat(parse("{\"target\":\"json\"}").target()).isEqualTo(new Target.Module("json"));
    assertThat(parse("{\"target\":\"-c \\\"import json\\\"\"}").target()).isEqualTo(new Target.Code("import json"));
    assertThat(parse("{\"target\":\"-m http.server -- --help\"}").target())
        .isEqualTo(new Target.RunModule("http.server", List.of("--help")));
    Files.writeString(dir.resolve("app.py"), "pass\n");
    assertThat(parse("{\"argv\":[\"app.py\",\"x y\"]}").target()).isEqualTo(new Target.Script(dir.resolve("app.py"), List.of("x y")));
  }

  @Test
  void defaultsAndLimits() {
    StartRequest r = parse("{\"target\":\"json\"}");
    assertThat(r.runs()).isEqualTo(10);
    assertThat(r.warmup()).isEqualTo(1);
    assertThat(r.bare()).isTrue();
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(120));
    StartRequest s = parse("{\"target\":\"json\",\"runs\":1000,\"warmup\":0,\"bare\":false,\"timeoutSeconds\":5}");
    assertThat(s).extracting(StartRequest::runs, StartRequest::warmup, StartRequest::bare).containsExactly(1000, 0, false);
    assertThatThrownBy(() -> parse("{\"target\":\"json\",\"warmup\":-1}")).hasMessageContaining("between 0 and 100");
    assertThatThrownBy(() -> parse("{\"target\":\"json\",\"runs\":1.5}")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> parse("{\"target\":\"json\",\"runs\":99999999999}")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> parse("{\"target\":\"json\",\"timeoutSeconds\":0}")).hasMessageContaining("between 1 and 3600");
    assertThatThrownBy(() -> parse("{\"target\":\"json\",\"argv\":[\"json\"]}")).hasMessageContaining("either");
    assertThatThrownBy(() -> parse("{\"argv\":[1]}")).hasMessageContaining("only strings");
    assertThatThrownBy(() -> parse("{\"target\":7}")).hasMessageContaining("must be a string");
    assertThatThrownBy(() -> parse("{\"target\":\"--runs 3\"}")).isInstanceOf(UserError.class).hasMessageContaining("--runs");
  }

  private StartRequest parse(String body) {
    return StartRequest.parse(body, dir);
  }
}
