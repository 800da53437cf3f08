package dev.coldstart.channel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A closable channel that passes items from threads to readers that block ({@link #get}, {@link
 * #iterator}, {@link #stream}) or wait asynchronously ({@link #getAsync}, {@link #forEachAsync}).
 * Every method is safe to call from any thread.
 *
 * <p>The contract:
 *
 * <ul>
 *   <li>{@link #put} never waits: an unbounded channel grows, a bounded one applies its {@link
 *       Overflow} policy and counts what it drops ({@link #dropped}). After {@link #close} it
 *       throws {@link ChannelClosedException}.
 *   <li>Items come out in the order they went in; each item goes to exactly one reader.
 *   <li>{@link #close} is idempotent. Items put before it are still delivered; only then do readers
 *       see the end: {@code get} throws {@link ChannelClosedException}, the future of {@code
 *       getAsync} fails with it, iteration stops. Every waiting reader, blocking or asynchronous,
 *       wakes on close.
 *   <li>Cancelling the future of {@code getAsync} loses no item: either the cancel wins and the
 *       item goes to the next reader, or it returns false because an item is already on its way
 *       into that future.
 * </ul>
 *
 * <p>How: one lock guards a deque of items and a FIFO set of waiting asynchronous readers. The
 * invariant is that at most one of the two is non-empty: {@code put} hands the item straight to
 * the oldest waiting asynchronous reader if there is one, else queues it, and {@code getAsync}
 * only waits when no item is queued. Blocking readers wait on a condition of the lock. A waiting
 * reader's future is claimed under the lock by exactly one party: a putter (which then completes
 * it with its item), the closer (which completes it with the end), or the reader's owner (whose
 * {@code cancel}, {@code complete}, {@code completeExceptionally} or {@code orTimeout} first
 * withdraws it). A putter completes its claimed future after releasing the lock, because the
 * future's dependents run in the completing thread and must not run under our lock; nobody else
 * can complete it meanwhile, so a hand-off never fails and no item is ever put back. Once a
 * putter has claimed a reader, that reader's {@code cancel} returns false and the item arrives.
 *
 * <p>Costs: {@code put}, {@code get}, {@code getAsync} and cancelling a pending {@code getAsync}
 * are O(1) (amortised; the deque grows by doubling) with one lock acquisition each; a hand-off to
 * an asynchronous reader runs the future's non-async dependents in the putting thread, so a slow
 * consumer should attach its work with {@code thenAcceptAsync} or use {@link #forEachAsync},
 * which does. {@code close} is O(waiting asynchronous readers). Memory is O(queued items + waiting
 * readers).
 *
 * @param <T> the item type; {@code null} items are rejected
 */
public final class Channel<T> implements Iterable<T>, AutoCloseable {

  /** What a bounded channel does with a {@code put} when it already holds its capacity. */
  public enum Overflow {
    /** Drop the oldest queued item to make room; {@code put} succeeds. */
    DROP_OLDEST,
    /** Drop the item being put; {@code put} returns normally. */
    DROP_NEWEST,
    /** Drop the item being put and throw {@link ChannelFullException}. */
    FAIL
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<T> items = new ArrayDeque<>();
  // Insertion-ordered, so the oldest waiting reader is served first; removal by identity is O(1).
  private final LinkedHashSet<AsyncReader> asyncReaders = new LinkedHashSet<>();
  private final int capacity;
  private final Overflow overflow;
  private boolean closed;
  private long dropped;

  private Channel(int capacity, Overflow overflow) {
    this.capacity = capacity;
    this.overflow = overflow;
  }

  /** A channel whose {@code put} always succeeds until close; it grows without bound. */
  public static <T> Channel<T> unbounded() {
    return new Channel<>(Integer.MAX_VALUE, Overflow.FAIL);
  }

  /** A channel holding at most {@code capacity} queued items, with the given overflow policy. */
  public static <T> Channel<T> bounded(int capacity, Overflow overflow) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    return new Channel<>(capacity, Objects.requireNonNull(overflow, "overflow"));
  }

  /**
   * Adds an item at the back, without waiting.
   *
   * @throws ChannelClosedException if the channel is closed
   * @throws ChannelFullException if the channel is bounded with policy {@link Overflow#FAIL} and
   *     full
   */
  public void put(T item) {
    Objects.requireNonNull(item, "item");
    AsyncReader reader;
    lock.lock();
    try {
      if (closed) {
        throw new ChannelClosedException("cannot put: the channel is closed");
      }
      reader = asyncReaders.isEmpty() ? null : asyncReaders.removeFirst();
      if (reader == null) {
        enqueue(item);
        return;
      }
    } finally {
      lock.unlock();
    }
    reader.deliver(item); // claimed above: nobody else can complete it
  }

  /**
   * Removes and returns the item at the front, waiting while there is none.
   *
   * @throws ChannelClosedException once the channel is closed and every item has been taken
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public T get() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (items.isEmpty()) {
        if (ended()) {
          throw endOfChannel();
        }
        changed.await();
      }
      return items.removeFirst();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Like {@link #get}, without blocking the caller: the future completes with the next item, or
   * fails with {@link ChannelClosedException} at the end. Cancelling it (or completing it, or a
   * timeout from {@code orTimeout}) gives up the reader's place; if an item was already claimed for
   * it, {@code cancel} returns false and the item arrives. Non-async dependents of the future run in
   * the thread that completes it (a putter, or the closer).
   */
  public CompletableFuture<T> getAsync() {
    lock.lock();
    try {
      if (!items.isEmpty()) {
        return CompletableFuture.completedFuture(items.removeFirst());
      }
      if (ended()) {
        return CompletableFuture.failedFuture(endOfChannel());
      }
      AsyncReader reader = new AsyncReader();
      asyncReaders.add(reader);
      return reader;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code action} on each item, on {@code executor}, one item at a time in channel order,
   * until the channel is closed and drained; the returned future then completes. It fails with
   * whatever {@code action} throws (the loop stops there). Cancelling it stops the loop without
   * losing an item: if an item was already on its way to the loop, {@code action} still runs for
   * that one item, then the loop stops. {@code executor} must accept every task.
   */
  public CompletableFuture<Void> forEachAsync(Consumer<? super T> action, Executor executor) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(executor, "executor");
    CompletableFuture<Void> done = new CompletableFuture<>();
    new AsyncLoop(action, executor, done).next();
    return done;
  }

  /**
   * Marks the end: no more puts; readers receive what is queued, then the end. Calling it again
   * does nothing. Waiting readers wake up (asynchronous ones fail with {@link
   * ChannelClosedException}) as soon as nothing is left for them.
   */
  @Override
  public void close() {
    List<AsyncReader> toEnd;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      // Asynchronous readers only wait while nothing is queued, so all of them have reached the end.
      toEnd = new ArrayList<>(asyncReaders);
      asyncReaders.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (AsyncReader reader : toEnd) {
      reader.end();
    }
  }

  /** Blocking iteration until the end. An interrupt restores the flag and throws {@link CancellationException}. */
  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private T next;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        try {
          next = get();
          return true;
        } catch (ChannelClosedException end) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("interrupted while waiting for the next item");
        }
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the channel is closed and drained");
        }
        T item = next;
        next = null;
        return item;
      }
    };
  }

  /** A sequential stream of the items until the end; it blocks like {@link #iterator}. */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** How many items a bounded channel has dropped (or refused, with {@link Overflow#FAIL}). */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** How many items are queued and not yet taken. */
  public int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@link #close} has been called (items may still be queued). */
  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  // ---- under the lock ----

  private boolean ended() {
    return closed && items.isEmpty();
  }

  private void enqueue(T item) {
    if (items.size() >= capacity) {
      dropped++;
      switch (overflow) {
        case DROP_OLDEST -> items.removeFirst();
        case DROP_NEWEST -> {
          return;
        }
        case FAIL -> throw new ChannelFullException("the channel is full (" + capacity + " items)");
      }
    }
    items.addLast(item);
    changed.signal();
  }

  private static ChannelClosedException endOfChannel() {
    return new ChannelClosedException("the channel is closed and every item has been taken");
  }

  /**
   * The future of a waiting {@link #getAsync}. Its owner's ways of completing it first withdraw it
   * from the line of waiting readers, under the lock; if a putter or the closer claimed it first,
   * they do nothing and return false, and the claimer completes it.
   */
  private final class AsyncReader extends CompletableFuture<T> {
    /** Takes this reader out of the line; false if a putter or the closer has claimed it. */
    private boolean withdraw() {
      lock.lock();
      try {
        return asyncReaders.remove(this);
      } finally {
        lock.unlock();
      }
    }

    void deliver(T item) {
      super.complete(item);
    }

    void end() {
      super.completeExceptionally(endOfChannel());
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return withdraw() && super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(T value) {
      return withdraw() && super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
      return withdraw() && super.completeExceptionally(failure);
    }

    // Dependent stages are plain futures, not readers of this channel.
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>();
    }
  }

  /** One {@link #forEachAsync} loop: each step waits for an item, then runs on the executor. */
  private final class AsyncLoop {
    private final Consumer<? super T> action;
    private final Executor executor;
    private final CompletableFuture<Void> done;
    private volatile CompletableFuture<T> pending;

    AsyncLoop(Consumer<? super T> action, Executor executor, CompletableFuture<Void> done) {
      this.action = action;
      this.executor = executor;
      this.done = done;
      done.whenComplete(
          (ignored, failure) -> {
            CompletableFuture<T> waiting = pending;
            if (done.isCancelled() && waiting != null) {
              waiting.cancel(false);
            }
          });
    }

    void next() {
      if (done.isDone()) {
        return;
      }
      CompletableFuture<T> step = getAsync();
      pending = step;
      // The async variant runs every step as a fresh task: no stack growth, no work in putters.
      step.whenCompleteAsync(this::onItem, executor);
      if (done.isCancelled()) {
        step.cancel(false);
      }
    }

    private void onItem(T item, Throwable failure) {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof ChannelClosedException) {
          done.complete(null);
        } else if (!(cause instanceof CancellationException)) {
          done.completeExceptionally(cause);
        }
        return;
      }
      // If the loop was cancelled meanwhile, this item was already ours: handle it, then stop.
      try {
        action.accept(item);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
        return;
      }
      if (!done.isDone()) {
        next();
      }
    }
  }
}
