package dev.coldstart.channel;

/**
 * The end of a {@link Channel}: thrown by {@code get} once the channel is closed and every item
 * has been taken, carried by the future of {@code getAsync} in the same case, and thrown by {@code
 * put} after {@code close}. Unchecked, because reaching the end is the normal way a reader stops.
 */
public final class ChannelClosedException extends IllegalStateException {
  ChannelClosedException(String message) {
    super(message);
  }
}
