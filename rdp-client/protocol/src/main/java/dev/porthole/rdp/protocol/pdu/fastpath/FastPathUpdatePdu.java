package dev.porthole.rdp.protocol.pdu.fastpath;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.2 Server Fast-Path Update PDU (TS_FP_UPDATE_PDU): a {@link FastPathHeader} (reserved
 * bits 0) and the updates, in plain form: a PDU with FASTPATH_OUTPUT_ENCRYPTED is refused as UNSUPPORTED here;
 * under Standard RDP Security {@code security.StandardSecurity#unwrapFastPath} decrypts and verifies it first
 * (the connector's {@code plainFastPath}). Update data are slices of the decoded buffer.
 */
public record FastPathUpdatePdu(int flags, List<FastPathUpdate> updates) {

    static final String PDU = "TS_FP_UPDATE_PDU";

    public FastPathUpdatePdu {
        Wire.requireUnsigned(flags, 2, PDU, "flags");
        if ((flags & FastPathHeader.FASTPATH_ENCRYPTED) != 0) {
            throw RdpException.argument(PDU, "flags", "encrypted fast-path output is not supported");
        }
        if (updates == null) {
            throw RdpException.argument(PDU, "fpOutputUpdates", "is null");
        }
        updates = List.copyOf(updates);
        int size = 0;
        for (FastPathUpdate u : updates) {
            size += u.size();
        }
        if (FastPathHeader.totalLength(size) > FastPathHeader.MAX_LENGTH) {
            throw RdpException.argument(PDU, "length", "updates of " + size + " bytes exceed a fast-path PDU");
        }
    }

    public FastPathUpdatePdu(List<FastPathUpdate> updates) {
        this(0, updates);
    }

    private int contentSize() {
        int size = 0;
        for (FastPathUpdate u : updates) {
            size += u.size();
        }
        return size;
    }

    public int size() {
        return FastPathHeader.totalLength(contentSize());
    }

    public void encode(ByteBuf out) {
        new FastPathHeader(0, flags, size()).encode(out);
        for (FastPathUpdate u : updates) {
            u.encode(out);
        }
    }

    /** Decodes one PDU, reading exactly its length. */
    public static FastPathUpdatePdu decode(ByteBuf in) {
        int start = in.readerIndex();
        FastPathHeader h = FastPathHeader.decode(in);
        // the bytes the header really took: a sender may use the two-byte length form for a short PDU
        int headerBytes = in.readerIndex() - start;
        if ((h.flags() & FastPathHeader.FASTPATH_ENCRYPTED) != 0) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    PDU + ".fpOutputHeader.flags: FASTPATH_OUTPUT_ENCRYPTED (Standard RDP Security) is not supported");
        }
        if (h.length() < headerBytes) {
            throw RdpException.malformed(PDU, "length", h.length() + " is shorter than the " + headerBytes + "-byte header");
        }
        Wire.need(in, h.length() - headerBytes, PDU, "length");
        ByteBuf body = in.readSlice(h.length() - headerBytes);
        List<FastPathUpdate> updates = new ArrayList<>();
        while (body.isReadable()) {
            updates.add(FastPathUpdate.decode(body));
        }
        return new FastPathUpdatePdu(h.flags(), updates);
    }
}
