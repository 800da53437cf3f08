package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenTest {
  @Test
  void aRandomTokenHas256BitsInUrlSafeCharactersAndIsNewEachTime() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String v = AccessToken.random().value();
      assertThat(v).matches("[A-Za-z0-9_-]{43}"); // 32 bytes in unpadded base64url
      seen.add(v);
    }
    assertThat(seen).hasSize(100);
  }

  @Test
  void matchesOnlyTheSameToken() {
    AccessToken t = AccessToken.of("abcdefghijklmnop-0123", "--token");
    assertThat(t.matches("abcdefghijklmnop-0123")).isTrue();
    assertThat(t.matches("Abcdefghijklmnop-0123")).isFalse(); // first byte differs
    assertThat(t.matches("abcdefghijklmnop-0124")).isFalse(); // last byte differs
    assertThat(t.matches("abcdefghijklmnop-012")).isFalse(); // a prefix
    assertThat(t.matches("abcdefghijklmnop-01234")).isFalse(); // longer
    assertThat(t.matches("")).isFalse();
    assertThat(t.matches(null)).isFalse();
    assertThat(t.matches(" abcdefghijklmnop-0123")).isFalse();
  }

  @Test
  void comparesDigestsOfEqualLengthWhateverTheCandidate() {
    // The compare is MessageDigest.isEqual on two SHA-256 digests: both sides are always 32 bytes,
    // so neither where the candidate differs nor how long it is changes what is compared.
    AccessToken t = AccessToken.random();
    for (String candidate : new String[] {"", "x", t.value() + "x", "y".repeat(10_000)}) {
      assertThat(t.matches(candidate)).isFalse();
    }
    assertThat(t.matches(new String(t.value().toCharArray()))).isTrue(); // equal content, another object
  }

  @Test
  void toStringNeverShowsTheSecret() {
    AccessToken t = AccessToken.random();
    assertThat(t.toString()).doesNotContain(t.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "short", "fifteen-chars-1", "has space in it here", "percent%20encoded-xx", "semi;colon-is-a-cookie-break", "quote\"inside-a-token"})
  void aChosenTokenMustBeLongAndUrlSafe(String value) {
    assertThatThrownBy(() -> AccessToken.of(value, "--token"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("--token must be 16 to 256 characters");
  }

  @Test
  void aChosenTokenOfSixteenUnreservedCharactersIsTaken() {
    assertThat(AccessToken.of("a.b_c~d-e0123456", "COLDSTART_TOKEN").matches("a.b_c~d-e0123456")).isTrue();
    assertThatThrownBy(() -> AccessToken.of("a".repeat(257), "COLDSTART_TOKEN")).hasMessageStartingWith("COLDSTART_TOKEN");
  }
}
