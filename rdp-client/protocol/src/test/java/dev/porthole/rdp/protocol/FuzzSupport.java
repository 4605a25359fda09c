package dev.porthole.rdp.protocol;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Shared body of the decoder fuzz targets: untrusted bytes may only produce a value or an RdpException. */
public final class FuzzSupport {

    private FuzzSupport() {}

    /** Runs {@code decoder} over {@code data}; any exception other than {@link RdpException} escapes and fails the target. */
    public static void decodeOnly(byte[] data, Consumer<ByteBuf> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            decoder.accept(buf);
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        } finally {
            buf.release();
        }
    }
}
