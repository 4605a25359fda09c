package dev.porthole.rdp.protocol.pdu.fastpath;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.8.1.2 Client Fast-Path Input Event PDU (TS_FP_INPUT_PDU): a {@link FastPathHeader} whose
 * middle bits count 1-15 events (0 when a separate numEvents byte follows, for 16-255 events) and the
 * events. Written unencrypted, as under Enhanced RDP Security; decoding an encrypted PDU is UNSUPPORTED.
 */
public record FastPathInputPdu(List<FastPathInputEvent> events) {

    static final String PDU = "TS_FP_INPUT_PDU";
    public static final int MAX_EVENTS = 255;

    public FastPathInputPdu {
        if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw RdpException.argument(PDU, "numEvents", "must hold 1 to 255 events");
        }
        events = List.copyOf(events);
        if (FastPathHeader.totalLength(contentSize(events)) > FastPathHeader.MAX_LENGTH) {
            throw RdpException.argument(PDU, "length", "events exceed a fast-path PDU");
        }
    }

    public static FastPathInputPdu of(FastPathInputEvent... events) {
        return new FastPathInputPdu(List.of(events));
    }

    private static int contentSize(List<FastPathInputEvent> events) {
        int size = events.size() > 15 ? 1 : 0;
        for (FastPathInputEvent e : events) {
            size += e.size();
        }
        return size;
    }

    public int size() {
        return FastPathHeader.totalLength(contentSize(events));
    }

    public void encode(ByteBuf out) {
        int n = events.size();
        new FastPathHeader(n <= 15 ? n : 0, 0, size()).encode(out);
        if (n > 15) {
            out.writeByte(n);
        }
        for (FastPathInputEvent e : events) {
            e.encode(out);
        }
    }

    /** Decodes one PDU, reading exactly its length. */
    public static FastPathInputPdu decode(ByteBuf in) {
        int start = in.readerIndex();
        FastPathHeader h = FastPathHeader.decode(in);
        // the bytes the header really took: a sender may use the two-byte length form for a short PDU
        int headerBytes = in.readerIndex() - start;
        if ((h.flags() & FastPathHeader.FASTPATH_ENCRYPTED) != 0) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    PDU + ".fpInputHeader.flags: FASTPATH_INPUT_ENCRYPTED (Standard RDP Security) is not supported");
        }
        if (h.length() < headerBytes) {
            throw RdpException.malformed(PDU, "length", h.length() + " is shorter than the " + headerBytes + "-byte header");
        }
        Wire.need(in, h.length() - headerBytes, PDU, "length");
        ByteBuf body = in.readSlice(h.length() - headerBytes);
        int n = h.eventBits();
        if (n == 0) {
            Wire.need(body, 1, PDU, "numEvents");
            n = body.readUnsignedByte();
        }
        List<FastPathInputEvent> events = new ArrayList<>(Math.min(n, body.readableBytes()));
        for (int i = 0; i < n; i++) {
            events.add(FastPathInputEvent.decode(body, i));
        }
        if (body.isReadable()) {
            throw RdpException.malformed(PDU, "length", body.readableBytes() + " bytes after " + n + " events");
        }
        int count = n;
        return Wire.decoded(() -> {
            if (count == 0) {
                throw RdpException.argument(PDU, "numEvents", "is 0");
            }
            return new FastPathInputPdu(events);
        });
    }
}
