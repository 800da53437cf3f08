package dev.coldstart;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The only place in coldstart that writes a user's file (sources rewritten by {@code fix}, reports
 * written with {@code -o}). Each file is replaced
 * atomically: the new bytes go to a temporary file in the same directory (same file system, so the
 * rename is atomic), which gets the old file's permissions, is flushed to disk, and is then renamed
 * over the old file. A crash or SIGKILL at any moment leaves the old file or the new one, never a
 * mix or a truncated file; at worst a stray {@code .NAME.coldstart-*.tmp} file stays behind.
 * A symbolic link is followed: its target is replaced, the link stays. A device or a pipe
 * ({@code -o /dev/stdout}, {@code -o /dev/null}) is written in place: renaming over it would
 * replace the device with a plain file.
 */
public final class AtomicFiles {
  public static final String TEMP_MARK = ".coldstart-";
  private static final Set<PosixFilePermission> NEW_FILE =
      java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} as the whole content of {@code file}: atomically for a regular file (new
   * files get rw-r--r--, existing ones keep their permissions), directly for a device or pipe.
   * Missing parent directories are created.
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      if (Files.isDirectory(file)) {
        throw new IOException(file + " is a directory");
      }
      try (var out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        out.write(bytes);
      }
      return;
    }
    if (Files.exists(file)) {
      replace(file, bytes);
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + TEMP_MARK, ".tmp");
    boolean moved = false;
    try {
      writeAndSync(tmp, bytes);
      if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(tmp, NEW_FILE);
      }
      move(tmp, file.toAbsolutePath());
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Replaces an existing regular file's contents with {@code bytes}, keeping its permissions. */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path real = file.toRealPath();
    Path dir = real.getParent();
    Set<PosixFilePermission> perms = null;
    PosixFileAttributeView posix =
        Files.getFileAttributeView(real, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix != null) {
      perms = posix.readAttributes().permissions();
    }
    Path tmp = Files.createTempFile(dir, "." + real.getFileName() + TEMP_MARK, ".tmp");
    boolean moved = false;
    try {
      writeAndSync(tmp, bytes);
      if (perms != null) {
        Files.setPosixFilePermissions(tmp, perms);
      }
      move(tmp, real);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void writeAndSync(Path tmp, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      var buf = java.nio.ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true); // the data must be on disk before the rename makes it the file
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
