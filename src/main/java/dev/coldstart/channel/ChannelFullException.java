package dev.coldstart.channel;

/**
 * Thrown by {@code put} on a bounded {@link Channel} whose overflow policy is {@link
 * Channel.Overflow#FAIL} when the channel already holds its capacity. The item was not added; it
 * counts in {@link Channel#dropped()}.
 */
public final class ChannelFullException extends IllegalStateException {
  ChannelFullException(String message) {
    super(message);
  }
}
