package dev.coldstart.source;

import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Many source files: the walk that lists them and the pool that scans them.
 *
 * <p>The walk matches Python's {@code os.walk} as used by the ast yardstick: a root that is a file
 * is taken as is; a directory yields its {@code *.py} regular files (symlinks to files included) in
 * sorted name order, then each subdirectory in sorted order, depth first, never entering a
 * symlinked directory. Paths are shown as walked: the root as given joined with '/'.
 *
 * <p>Scanning reads and scans files on a fixed pool of threads, keeping at most a window of files
 * in flight, and hands results to the caller in walk order, so output is deterministic while all
 * cores work. A per-file function can run on the workers too (e.g. formatting output).
 */
public final class SourceTree {
  private SourceTree() {}

  /** A file to scan: its path as walked (for display) and where it is. */
  public record SourceFile(String path, Path location) {}

  /** A scanned file: its path as walked, its size in bytes and its facts. */
  public record ScannedFile(String path, long size, ModuleFacts facts) {}

  /**
   * Lists the Python files under roots in walk order.
   *
   * @throws UserError (usage, exit 2) naming the first root that does not exist
   */
  public static List<SourceFile> walk(List<String> roots) {
    checkRoots(roots);
    List<SourceFile> out = new ArrayList<>();
    walk(roots, out);
    return out;
  }

  private static void checkRoots(List<String> roots) {
    for (String root : roots) {
      if (!Files.exists(Path.of(root))) {
        throw UserError.usage("no such file or directory: " + root);
      }
    }
  }

  /** Hands each Python file under roots to found, in walk order. */
  private static void walk(List<String> roots, FileSink found) throws InterruptedException {
    for (String root : roots) {
      Path p = Path.of(root);
      if (Files.isDirectory(p)) {
        walkDir(root, p, found);
      } else {
        found.accept(new SourceFile(root, p));
      }
    }
  }

  /** Where the walk puts files; may block (back pressure from the scanners). */
  private interface FileSink {
    void accept(SourceFile f) throws InterruptedException;
  }

  private static void walk(List<String> roots, List<SourceFile> out) {
    try {
      walk(roots, out::add);
    } catch (InterruptedException e) {
      throw new AssertionError(e); // adding to a list never blocks
    }
  }

  private static void walkDir(String shown, Path dir, FileSink out) throws InterruptedException {
    List<String> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path e : ds) {
        entries.add(e.getFileName().toString());
      }
    } catch (IOException | RuntimeException e) {
      return; // like os.walk: an unreadable directory is skipped
    }
    Collections.sort(entries);
    String prefix = shown.endsWith("/") ? shown : shown + "/";
    List<String> subdirs = new ArrayList<>();
    for (String name : entries) {
      Path p = dir.resolve(name);
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        continue;
      }
      if (a.isDirectory()) {
        subdirs.add(name);
      } else if (name.endsWith(".py") && (a.isRegularFile()
          || a.isSymbolicLink() && Files.isRegularFile(p))) { // one stat per entry, two for links
        out.accept(new SourceFile(prefix + name, p));
      }
    }
    for (String name : subdirs) {
      walkDir(prefix + name, dir.resolve(name), out);
    }
  }

  /** Reads and scans one file; an unreadable file gives facts with one diagnostic. */
  public static ScannedFile scan(SourceFile file) {
    ReadBuffer buffer = READ_BUFFER.get();
    int length;
    try {
      length = buffer.read(file.location());
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return new ScannedFile(file.path(), 0, ModuleFacts.unreadable("cannot read: " + e));
    }
    return new ScannedFile(file.path(), length, SourceScanner.scan(buffer.bytes, length));
  }

  /**
   * Each scanning thread reads files into one growing array: one system call for the size, one
   * read per file, and no 270 MB of short-lived arrays for a whole environment.
   */
  private static final ThreadLocal<ReadBuffer> READ_BUFFER = ThreadLocal.withInitial(ReadBuffer::new);

  private static final class ReadBuffer {
    byte[] bytes = new byte[1 << 16];

    /** Reads the whole file into bytes; returns its length. */
    int read(Path path) throws IOException {
      try (FileChannel ch = FileChannel.open(path)) {
        long size = ch.size();
        if (size >= Integer.MAX_VALUE - 16) {
          throw new IOException("file too large: " + size + " bytes");
        }
        if (bytes.length <= size) {
          bytes = new byte[(int) Math.max(size + 1, Math.min(2L * bytes.length, Integer.MAX_VALUE - 16))];
        }
        int length = 0;
        // The file may have grown since size(): read until end of file.
        ByteBuffer bb = ByteBuffer.wrap(bytes, 0, (int) size + 1);
        while (true) {
          int k = ch.read(bb);
          if (k < 0) {
            return length;
          }
          length += k;
          if (!bb.hasRemaining()) {
            if (length >= Integer.MAX_VALUE - 16 - length) {
              throw new IOException("file too large");
            }
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length, length * 2));
            bb = ByteBuffer.wrap(bytes, length, bytes.length - length);
          }
        }
      }
    }
  }

  /** Scans all files on all cores and returns them in walk order. */
  public static List<ScannedFile> scanAll(List<SourceFile> files) {
    List<ScannedFile> out = new ArrayList<>(files.size());
    scan(files, Runtime.getRuntime().availableProcessors(), f -> f, out::add);
    return out;
  }

  /**
   * Walks roots and scans their files at the same time, so listing directories (a stat per entry)
   * overlaps with scanning: a walker thread submits each file to {@code threads} workers as soon as
   * it is found, queueing the pending results in walk order; the calling thread takes them in that
   * order, so output is deterministic. The queue is bounded (back pressure on the walker), so
   * memory stays flat on any tree. Work runs on the workers; sink on the calling thread.
   *
   * @throws UserError (usage, exit 2) naming the first root that does not exist
   */
  public static <T> void walkAndScan(
      List<String> roots, int threads, Function<ScannedFile, T> work, Consumer<T> sink) {
    checkRoots(roots);
    if (threads <= 1) {
      walk(roots).forEach(f -> sink.accept(work.apply(scan(f))));
      return;
    }
    ExecutorService pool = newPool(threads);
    BlockingQueue<Future<T>> pending = new ArrayBlockingQueue<>(threads * 64);
    Future<T> end = new CompletableFuture<>(); // marks the end of the walk, never completed
    Thread walker = new Thread(() -> {
      try {
        walk(roots, f -> pending.put(pool.submit(() -> work.apply(scan(f)))));
        pending.put(end);
      } catch (InterruptedException e) {
        // the caller gave up; it no longer reads the queue
      } catch (RuntimeException | Error e) {
        try {
          pending.put(CompletableFuture.failedFuture(e)); // the caller rethrows it
        } catch (InterruptedException stopped) {
          // the caller gave up
        }
      }
    }, "coldstart-walk");
    walker.setDaemon(true);
    walker.start();
    try {
      for (Future<T> f = pending.take(); f != end; f = pending.take()) {
        sink.accept(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError(130, "interrupted");
    } catch (ExecutionException e) {
      throw rethrow(e);
    } finally {
      walker.interrupt();
      pool.shutdownNow();
    }
  }

  private static ExecutorService newPool(int threads) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "coldstart-scan");
          t.setDaemon(true);
          return t;
        });
  }

  private static RuntimeException rethrow(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(cause);
  }

  /**
   * Scans files on {@code threads} workers, applies work to each result on the worker, and hands
   * the work's results to sink in walk order on the calling thread.
   */
  public static <T> void scan(
      List<SourceFile> files, int threads, Function<ScannedFile, T> work, Consumer<T> sink) {
    if (threads <= 1 || files.size() < 2) {
      for (SourceFile f : files) {
        sink.accept(work.apply(scan(f)));
      }
      return;
    }
    ExecutorService pool = newPool(threads);
    int window = threads * 32;
    ArrayDeque<Future<T>> inFlight = new ArrayDeque<>(window);
    try {
      int next = 0;
      while (next < files.size() || !inFlight.isEmpty()) {
        while (next < files.size() && inFlight.size() < window) {
          SourceFile f = files.get(next++);
          inFlight.add(pool.submit(() -> work.apply(scan(f))));
        }
        sink.accept(inFlight.poll().get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError(130, "interrupted");
    } catch (ExecutionException e) {
      throw rethrow(e);
    } finally {
      pool.shutdownNow();
    }
  }
}
