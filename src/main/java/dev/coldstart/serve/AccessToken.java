package dev.coldstart.serve;

import dev.coldstart.UserError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The dashboard's per-start secret: whoever shows it (in the printed URL, a cookie or an {@code
 * Authorization: Bearer} header) may use the dashboard, and so run Python code as the user who
 * started it. The same idea as Jupyter's token: the Host, Origin and content-type checks keep
 * other web sites out, this keeps out other local users and processes.
 *
 * <p>A random token is 32 bytes from {@link SecureRandom} (256 bits), written in URL-safe base64.
 * A chosen one ({@code --token}, {@code COLDSTART_TOKEN}) must be 16 to 256 characters from the
 * URL's unreserved set, so it goes into a URL and a cookie unchanged.
 *
 * <p>{@link #matches} compares SHA-256 digests of both sides with {@link MessageDigest#isEqual},
 * whose time does not depend on where the bytes differ; digesting first makes the time
 * independent of the candidate's length too. It costs a microsecond or so per request.
 */
public final class AccessToken {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._~-]{16,256}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;
  private final byte[] digest;

  private AccessToken(String value) {
    this.value = value;
    this.digest = sha256(value);
  }

  /** A fresh random token of 256 bits. */
  public static AccessToken random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * A token the user chose.
   *
   * @param source where it came from, for the message ({@code --token}, {@code COLDSTART_TOKEN})
   * @throws UserError (usage) when it is too short, too long or has characters a URL would change
   */
  public static AccessToken of(String value, String source) {
    if (value == null || !ALLOWED.matcher(value).matches()) {
      throw UserError.usage(source + " must be 16 to 256 characters from A-Z a-z 0-9 . _ ~ - (it goes into a URL)");
    }
    return new AccessToken(value);
  }

  /** Whether {@code candidate} is this token, in time independent of where or whether they differ. */
  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
  }

  /** The secret itself: only for the printed URL and the cookie. */
  String value() {
    return value;
  }

  /** Never the secret, so that logging a token by mistake does not leak it. */
  @Override
  public String toString() {
    return "AccessToken[hidden]";
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
