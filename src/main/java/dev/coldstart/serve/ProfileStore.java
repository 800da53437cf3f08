package dev.coldstart.serve;

import dev.coldstart.AtomicFiles;
import dev.coldstart.UserError;
import dev.coldstart.profile.Profile;
import dev.coldstart.report.ProfileJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The profiles the dashboard keeps under {@code .coldstart/} of the served directory: each finished
 * profile as {@code NAME.json} (the document of {@code profile --format json}) next to its event
 * log {@code NAME.events.jsonl}.
 *
 * <p>Saving is atomic (a temporary file in the same folder, then a rename), so the list never shows
 * half a profile. Reading takes a name from the page, so it is checked twice: the name must match
 * {@link #NAME} (letters, digits, {@code . _ -}, no {@code ..}, ending in {@code .json}), and the
 * file must be a regular file, not a symbolic link, whose real folder is the store's real folder.
 * Anything else reads as "no such profile". Other JSON files in the folder (a baseline, say) are
 * not listed unless they are coldstart profiles.
 *
 * <p>The folder is created 0700, and one that another user owns or may write to is refused
 * ({@link #check}).
 */
final class ProfileStore {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,150}\\.json");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  /**
   * One saved profile, as the list shows it.
   *
   * @param name file name, the profile's id in URLs
   * @param target how the target reads
   * @param startedAt when it ran (ISO-8601), or null
   * @param runs measured runs
   * @param wallMs median wall time of the target, or null
   * @param aboveBareMs median time above the bare interpreter, or null
   * @param stoppedBy why it ended early, or null
   */
  record Entry(
      String name, String target, String startedAt, int runs, Double wallMs, Double aboveBareMs, String stoppedBy) {}

  private final Path folder;

  ProfileStore(Path servedDirectory) {
    this.folder = servedDirectory.resolve(".coldstart");
  }

  Path folder() {
    return folder;
  }

  /** A fresh name stem for a profile of {@code target} started now: {@code 20250101-120000-import-json}. */
  synchronized String newStem(String target) {
    String slug = target.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("-+$", "");
    }
    String base = LocalDateTime.now().format(STAMP) + (slug.isEmpty() ? "" : "-" + slug);
    String stem = base;
    for (int n = 2; Files.exists(folder.resolve(stem + ".json")) || Files.exists(folder.resolve(stem + ".events.jsonl")); n++) {
      stem = base + "-" + n;
    }
    return stem;
  }

  /** Where the event log of {@code stem} goes (the folder is created, see {@link #create}). */
  Path eventLog(String stem) throws IOException {
    try {
      create(folder, w -> {});
    } catch (UserError e) {
      throw new IOException(e.getMessage(), e);
    }
    return folder.resolve(stem + ".events.jsonl");
  }

  /**
   * Checks the folder at start, when it exists already: see {@link #check}.
   *
   * @throws UserError (usage) when another user owns it or may write to it
   */
  void checkAtStart(Consumer<String> warn) {
    if (Files.exists(folder)) {
      check(folder, warn);
    }
  }

  /**
   * Creates {@code folder} readable and writable by its owner only (0700), or checks the one that
   * is there (another process may create it between a look and a create, so the create comes first).
   */
  static void create(Path folder, Consumer<String> warn) throws IOException {
    if (!posix(folder.getParent())) {
      Files.createDirectories(folder);
      return;
    }
    try {
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException exists) {
      check(folder, warn);
    }
  }

  /**
   * Refuses a profile folder that another user owns, or that others may write to: they could plant
   * a profile the page shows, or put a link where the next event log is written, making coldstart
   * overwrite a file of the user's choice. One that others may only read is warned about: saved
   * profiles hold file paths and source lines. A folder without POSIX permissions is not checked.
   *
   * @throws UserError (usage) as above
   */
  static void check(Path folder, Consumer<String> warn) {
    PosixFileAttributes a;
    try {
      a = Files.readAttributes(folder, PosixFileAttributes.class);
    } catch (UnsupportedOperationException e) {
      return;
    } catch (IOException e) {
      throw UserError.usage("cannot read " + folder + ": " + e.getMessage());
    }
    if (!a.isDirectory()) {
      throw UserError.usage(folder + " is not a directory; coldstart keeps profiles there");
    }
    OptionalLong me = currentUid();
    Object uid = attribute(folder, "unix:uid");
    if (me.isPresent() && uid instanceof Integer owner && owner != me.getAsLong()) {
      throw UserError.usage(
          folder + " belongs to " + a.owner().getName() + ", not to you: refusing to keep profiles in it"
              + " (its owner could read them or plant files there); remove it or use --dir");
    }
    Set<PosixFilePermission> p = a.permissions();
    String mode = PosixFilePermissions.toString(p);
    if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw UserError.usage(
          folder + " is writable by other users (" + mode + "): refusing to keep profiles in it; run chmod 700 " + folder);
    }
    if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
      warn.accept(
          "warning: " + folder + " is readable by other users (" + mode + "); saved profiles hold paths and source"
              + " lines: chmod 700 " + folder);
    }
  }

  private static boolean posix(Path p) {
    return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static Object attribute(Path p, String name) {
    try {
      return Files.getAttribute(p, name);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  /** This process's user id, where the JDK can tell (jdk.security.auth on Unix). */
  private static OptionalLong currentUid() {
    try {
      return OptionalLong.of(new com.sun.security.auth.module.UnixSystem().getUid());
    } catch (LinkageError | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** Saves a profile atomically as {@code stem.json} (see {@link AtomicFiles}); returns its name. */
  String save(String stem, Profile profile) throws IOException {
    String name = stem + ".json";
    AtomicFiles.write(folder.resolve(name), ProfileJson.write(profile).getBytes(StandardCharsets.UTF_8));
    return name;
  }

  /** The saved profiles, newest first, at most {@code limit}. */
  List<Entry> list(int limit) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
              .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .sorted(Comparator.comparing(ProfileStore::modified).reversed())
              .toList();
    } catch (IOException e) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    for (Path file : files) {
      if (out.size() >= limit) {
        break;
      }
      entry(file).ifPresent(out::add);
    }
    return out;
  }

  /** The JSON text of a saved profile, or empty when {@code name} is not a profile in this store. */
  Optional<String> read(String name) {
    Optional<Path> file = resolve(name);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(file.get(), StandardCharsets.UTF_8);
      return isProfile(JSON.readTree(text)) ? Optional.of(text) : Optional.empty();
    } catch (IOException | JacksonException e) {
      return Optional.empty();
    }
  }

  /** The file behind {@code name}, if it is safely inside the store; see the class comment. */
  Optional<Path> resolve(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      return Optional.empty();
    }
    Path file = folder.resolve(name);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      Path real = file.toRealPath();
      if (!real.getParent().equals(folder.toRealPath())) {
        return Optional.empty();
      }
      return Optional.of(real);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<Entry> entry(Path file) {
    try {
      JsonNode p = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (!isProfile(p)) {
        return Optional.empty();
      }
      return Optional.of(
          new Entry(
              file.getFileName().toString(),
              p.path("target").asString(""),
              p.path("startedAt").isString() ? p.path("startedAt").asString() : null,
              p.path("runs").asInt(0),
              number(p.path("wallMs").path("median")),
              number(p.path("aboveBareMs").path("estimate")),
              p.path("stoppedBy").isString() ? p.path("stoppedBy").asString() : null));
    } catch (IOException | JacksonException e) {
      return Optional.empty(); // Unreadable or not JSON: not one of ours.
    }
  }

  private static boolean isProfile(JsonNode p) {
    return p != null && p.isObject() && p.path("schema").asString("").startsWith("coldstart.profile/");
  }

  private static Double number(JsonNode n) {
    return n.isNumber() ? n.doubleValue() : null;
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
