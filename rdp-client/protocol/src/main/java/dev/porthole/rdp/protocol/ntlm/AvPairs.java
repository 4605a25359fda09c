package dev.porthole.rdp.protocol.ntlm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A sequence of MS-NLMP 2.2.2.1 AV_PAIR structures terminated by MsvAvEOL: the TargetInfo of a
 * CHALLENGE_MESSAGE (2.2.1.2) and the AvPairs of an NTLMv2_CLIENT_CHALLENGE (2.2.2.7).
 *
 * @param pairs the pairs in wire order, without the terminating MsvAvEOL
 */
public record AvPairs(List<AvPair> pairs) {

    static final String PDU = "AV_PAIR list";

    public AvPairs {
        pairs = List.copyOf(pairs);
        if (size(pairs) > 0xFFFF) {
            throw RdpException.argument(PDU, "length", size(pairs) + " bytes do not fit a 16-bit length field");
        }
    }

    private static int size(List<AvPair> pairs) {
        int n = 4;
        for (AvPair p : pairs) {
            n += 4 + p.length();
        }
        return n;
    }

    /**
     * Decodes pairs up to and including MsvAvEOL from {@code in}, which holds exactly the list
     * (TargetInfo). Bytes after MsvAvEOL are skipped: the spec makes the list's length the sum of
     * its pairs, but a few servers pad, and the client re-encodes its own list anyway.
     */
    public static AvPairs decode(ByteBuf in, String pdu) {
        List<AvPair> pairs = new ArrayList<>();
        while (true) {
            Wire.need(in, 4, pdu, "AV_PAIR[" + pairs.size() + "] (no MsvAvEOL terminator)");
            int id = in.readUnsignedShortLE();
            int len = in.readUnsignedShortLE();
            String field = "AV_PAIR[" + pairs.size() + "]." + AvPair.name(id);
            if (id == AvPair.MSV_AV_EOL) {
                if (len != 0) {
                    throw RdpException.malformed(pdu, field, "MsvAvEOL must have AvLen 0, has " + len);
                }
                in.skipBytes(in.readableBytes());
                return new AvPairs(pairs);
            }
            String problem = AvPair.problem(id, len);
            if (problem != null) {
                throw RdpException.malformed(pdu, field, problem);
            }
            Wire.need(in, len, pdu, field);
            byte[] value = new byte[len];
            in.readBytes(value);
            pairs.add(new AvPair(id, value));
        }
    }

    public void encode(ByteBuf out) {
        for (AvPair p : pairs) {
            out.writeShortLE(p.avId());
            out.writeShortLE(p.length());
            out.writeBytes(p.valueUnsafe());
        }
        out.writeShortLE(AvPair.MSV_AV_EOL);
        out.writeShortLE(0);
    }

    /** Encoded length including the MsvAvEOL terminator. */
    public int size() {
        return size(pairs);
    }

    /** The first pair with {@code avId}. */
    public Optional<AvPair> find(int avId) {
        return pairs.stream().filter(p -> p.avId() == avId).findFirst();
    }

    /** MsvAvTimestamp, when the server sent one. */
    public OptionalLong timestamp() {
        return find(AvPair.MSV_AV_TIMESTAMP).map(p -> OptionalLong.of(p.asLong())).orElse(OptionalLong.empty());
    }

    /** MsvAvFlags, 0 when absent. */
    public int flags() {
        return find(AvPair.MSV_AV_FLAGS).map(AvPair::asInt).orElse(0);
    }

    /** A copy with {@code pair} replacing the first pair of its AvId, or appended when there is none. */
    public AvPairs with(AvPair pair) {
        List<AvPair> copy = new ArrayList<>(pairs);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).avId() == pair.avId()) {
                copy.set(i, pair);
                return new AvPairs(copy);
            }
        }
        copy.add(pair);
        return new AvPairs(copy);
    }
}
