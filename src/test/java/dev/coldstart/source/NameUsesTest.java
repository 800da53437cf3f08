package dev.coldstart.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameUsesTest {
  private static String uses(String src) {
    StringBuilder sb = new StringBuilder();
    for (NameUses.Use u : NameUses.scan(src).uses()) {
      sb.append(u.name()).append('@').append(u.line()).append(u.inFunction() ? "F" : "").append(u.inAnnotation() ? "A" : "")
          .append(' ');
    }
    return sb.toString().strip();
  }

  @Test
  void attributesKeywordArgumentsAndStringsAreNotUses() {
    assertThat(uses("x = a.b(c=d, e)\n")).isEqualTo("x@1 a@1 d@1 e@1");
    assertThat(uses("s = 'a b' + r\"c\" + '''d\ne'''\nt = 1\n")).isEqualTo("s@1 t@3");
  }

  @Test
  void fStringFieldsAreUses() {
    assertThat(uses("s = f'{a.b!r} {{c}} {d:>{w}}'\n")).isEqualTo("s@1 a@1 d@1 w@1");
  }

  @Test
  void functionBodiesAnnotationsAndContinuations() {
    assertThat(uses("def f(a: T = v, *b: U) -> R:\n    return a\\\n      + c\nz: Z = y\n"))
        .isEqualTo("a@1 T@1A v@1 b@1 U@1A R@1A a@2F c@3F z@4 Z@4A y@4");
  }

  @Test
  void commentsAndFutureAnnotations() {
    NameUses n = NameUses.scan("from __future__ import annotations\nx = '#' # coldstart: ignore[CS101]\n");
    assertThat(n.futureAnnotations()).isTrue();
    assertThat(n.comments()).containsEntry(2, " coldstart: ignore[CS101]");
  }

  @Test
  void dedentEndsTheFunction() {
    assertThat(uses("class C:\n    def m(self):\n        a\n    b\nc\n")).isEqualTo("C@1 self@2 a@3F b@4 c@5");
  }
}
