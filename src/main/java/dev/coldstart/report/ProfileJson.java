package dev.coldstart.report;

import dev.coldstart.UserError;
import dev.coldstart.profile.Profile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of a {@link Profile} (schema in docs/profile-json.md), both ways. */
public final class ProfileJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private ProfileJson() {}

  public static String write(Profile p) {
    return MAPPER.writeValueAsString(p) + "\n";
  }

  /** Reads a saved profile; a file that is not one is the user's error (exit 2). */
  public static Profile read(String json, String source) {
    Profile p;
    try {
      p = MAPPER.readValue(json, Profile.class);
    } catch (JacksonException e) {
      throw UserError.usage(source + " is not a coldstart profile: " + e.getOriginalMessage());
    }
    if (p.schema() == null || !p.schema().startsWith("coldstart.profile/")) {
      throw UserError.usage(source + " is not a coldstart profile (no \"schema\": \"" + Profile.SCHEMA + "\")");
    }
    if (!Profile.SCHEMA.equals(p.schema())) {
      throw UserError.usage(source + " has schema " + p.schema() + "; this coldstart reads " + Profile.SCHEMA);
    }
    return p;
  }
}
