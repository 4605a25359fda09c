package dev.porthole.rdp.protocol.pdu.mcs;

import dev.porthole.rdp.protocol.pdu.ber.Ber;
import io.netty.buffer.ByteBuf;

/** T.125 DomainParameters (MS-RDPBCGR 2.2.1.3: targetParameters, minimumParameters, maximumParameters). */
public record DomainParameters(int maxChannelIds, int maxUserIds, int maxTokenIds, int numPriorities,
                               int minThroughput, int maxHeight, int maxMcsPduSize, int protocolVersion) {

    static final String PDU = "DomainParameters";

    /** The values of the MS-RDPBCGR 4.1.3 example, which RDP clients send. */
    public static final DomainParameters TARGET = new DomainParameters(34, 2, 0, 1, 0, 1, 65535, 2);
    public static final DomainParameters MINIMUM = new DomainParameters(1, 1, 1, 1, 0, 1, 1056, 2);
    public static final DomainParameters MAXIMUM = new DomainParameters(65535, 64535, 65535, 1, 0, 1, 65535, 2);

    private int contentSize() {
        return Ber.integerSize(maxChannelIds) + Ber.integerSize(maxUserIds) + Ber.integerSize(maxTokenIds)
                + Ber.integerSize(numPriorities) + Ber.integerSize(minThroughput) + Ber.integerSize(maxHeight)
                + Ber.integerSize(maxMcsPduSize) + Ber.integerSize(protocolVersion);
    }

    public int size() {
        int c = contentSize();
        return 1 + Ber.lengthSize(c) + c;
    }

    public void encode(ByteBuf out) {
        out.writeByte(Ber.TAG_SEQUENCE);
        Ber.writeLength(out, contentSize());
        Ber.writeInteger(out, maxChannelIds);
        Ber.writeInteger(out, maxUserIds);
        Ber.writeInteger(out, maxTokenIds);
        Ber.writeInteger(out, numPriorities);
        Ber.writeInteger(out, minThroughput);
        Ber.writeInteger(out, maxHeight);
        Ber.writeInteger(out, maxMcsPduSize);
        Ber.writeInteger(out, protocolVersion);
    }

    public static DomainParameters decode(ByteBuf in, String field) {
        int length = Ber.readTag(in, Ber.TAG_SEQUENCE, PDU, field);
        ByteBuf seq = in.readSlice(length);
        DomainParameters p = new DomainParameters(
                (int) Ber.readInteger(seq, PDU, field + ".maxChannelIds"),
                (int) Ber.readInteger(seq, PDU, field + ".maxUserIds"),
                (int) Ber.readInteger(seq, PDU, field + ".maxTokenIds"),
                (int) Ber.readInteger(seq, PDU, field + ".numPriorities"),
                (int) Ber.readInteger(seq, PDU, field + ".minThroughput"),
                (int) Ber.readInteger(seq, PDU, field + ".maxHeight"),
                (int) Ber.readInteger(seq, PDU, field + ".maxMCSPDUsize"),
                (int) Ber.readInteger(seq, PDU, field + ".protocolVersion"));
        return p;
    }
}
