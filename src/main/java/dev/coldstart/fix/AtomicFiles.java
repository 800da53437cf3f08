package dev.coldstart.fix;

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
 * The only place in coldstart that rewrites a user's source file. Each file is replaced
 * atomically: the new bytes go to a temporary file in the same directory (same file system, so the
 * rename is atomic), which gets the old file's permissions, is flushed to disk, and is then renamed
 * over the old file. A crash or SIGKILL at any moment leaves the old file or the new one, never a
 * mix or a truncated file; at worst a stray {@code .NAME.coldstart-*.tmp} file stays behind.
 * A symbolic link is followed: its target is replaced, the link stays.
 */
public final class AtomicFiles {
  static final String TEMP_MARK = ".coldstart-";

  private AtomicFiles() {}

  /** Replaces the file's contents with {@code bytes}, keeping its permissions. */
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
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        var buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true); // the data must be on disk before the rename makes it the file
      }
      if (perms != null) {
        Files.setPosixFilePermissions(tmp, perms);
      }
      try {
        Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
