package dev.porthole.rdp.protocol.bulk;

/** A run of decompressed bytes inside a history buffer or the input: valid until the next call. */
record Span(byte[] bytes, int offset, int length) {
}
