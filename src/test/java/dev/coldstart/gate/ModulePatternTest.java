package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModulePatternTest {
  @Test
  void plainNameMatchesItselfAndSubmodulesOnly() {
    ModulePattern p = ModulePattern.of("fastapi");
    assertThat(p.matches("fastapi")).isTrue();
    assertThat(p.matches("fastapi.routing.x")).isTrue();
    assertThat(p.matches("fastapix")).isFalse();
    assertThat(p.matches("my.fastapi")).isFalse();
  }

  @Test
  void trailingStarMeansSubmodulesAtAnyDepth() {
    ModulePattern p = ModulePattern.of("mypkg.protocols.*");
    assertThat(p.matches("mypkg.protocols")).isFalse();
    assertThat(p.matches("mypkg.protocols.http")).isTrue();
    assertThat(p.matches("mypkg.protocols.http.v2")).isTrue();
    assertThat(p.matches("mypkg.protocolsx.http")).isFalse();
  }

  @Test
  void starInsideAPartStaysInThatPart() {
    ModulePattern p = ModulePattern.of("pydantic*");
    assertThat(p.matches("pydantic_core")).isTrue();
    assertThat(p.matches("pydantic.main")).isTrue();
    assertThat(p.matches("pydanti")).isFalse();
    ModulePattern q = ModulePattern.of("a.*.c");
    assertThat(q.matches("a.b.c")).isTrue();
    assertThat(q.matches("a.b.x.c")).isFalse();
  }

  @Test
  void invalidPatterns() {
    assertThat(ModulePattern.isValid("a..b")).isFalse();
    assertThat(ModulePattern.isValid("a b")).isFalse();
    assertThat(ModulePattern.isValid("")).isFalse();
    assertThat(ModulePattern.isValid("a.**")).isFalse();
    assertThat(ModulePattern.isValid("a.(b)")).isFalse();
  }
}
