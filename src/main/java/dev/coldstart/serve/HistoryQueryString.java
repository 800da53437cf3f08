package dev.coldstart.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The {@code entry} of {@code /api/history?entry=ENTRY}, decoded. */
final class HistoryQueryString {
  private HistoryQueryString() {}

  /**
   * The decoded value of the first {@code entry} parameter.
   *
   * @throws IllegalArgumentException (the message is the 400 answer) when it is missing, blank or
   *     not URL-encoded text
   */
  static String entry(String rawQuery) {
    String entry = null;
    for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (entry == null && eq > 0 && pair.substring(0, eq).equals("entry")) {
        try {
          entry = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("entry is not URL-encoded text");
        }
      }
    }
    if (entry == null || entry.isBlank()) {
      throw new IllegalArgumentException("which entry? /api/history?entry=ENTRY");
    }
    return entry;
  }
}
