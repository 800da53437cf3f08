package dev.coldstart.channel;

/** A value tagged with the producer that put it, so tests can check per-producer order. */
record Tagged(int producer, int value) {}
