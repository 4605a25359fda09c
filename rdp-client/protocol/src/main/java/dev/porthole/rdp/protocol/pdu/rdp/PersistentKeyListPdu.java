package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.17.1 Persistent Key List PDU Data (TS_BITMAPCACHE_PERSISTENT_LIST_PDU): 64-bit keys
 * of bitmaps cached on disk in earlier sessions, per Revision 2 bitmap cache, in a sequence of PDUs
 * (PERSIST_PDU_FIRST / PERSIST_PDU_LAST). {@code keys} holds the entries in order (2.2.1.17.1.1: Key1 is
 * the low half, Key2 the high half); their count must equal the sum of {@code numEntries}. This client
 * keeps no persistent cache and sends {@link #empty()} only if it announced PERSISTENT_KEYS_EXPECTED_FLAG.
 */
public record PersistentKeyListPdu(List<Integer> numEntries, List<Integer> totalEntries, int bitMask, List<Long> keys)
        implements ShareData {

    static final String PDU = "TS_BITMAPCACHE_PERSISTENT_LIST_PDU";
    public static final int PERSIST_PDU_FIRST = 0x01;
    public static final int PERSIST_PDU_LAST = 0x02;
    /** The most keys a sequence may announce (ERRINFO_PERSISTENTKEYPDUTOOMANYTOTALKEYS). */
    public static final int MAX_TOTAL_KEYS = 262144;

    public PersistentKeyListPdu {
        if (numEntries == null || numEntries.size() != 5 || totalEntries == null || totalEntries.size() != 5) {
            throw RdpException.argument(PDU, "numEntriesCache/totalEntriesCache", "must hold 5 values each");
        }
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            Wire.requireUnsigned(numEntries.get(i), 16, PDU, "numEntriesCache" + i);
            Wire.requireUnsigned(totalEntries.get(i), 16, PDU, "totalEntriesCache" + i);
            sum += numEntries.get(i);
        }
        Wire.requireUnsigned(bitMask, 8, PDU, "bBitMask");
        if (keys == null || keys.size() != sum) {
            throw RdpException.argument(PDU, "entries", "holds " + (keys == null ? 0 : keys.size())
                    + " keys, numEntriesCache sum to " + sum);
        }
        numEntries = List.copyOf(numEntries);
        totalEntries = List.copyOf(totalEntries);
        keys = List.copyOf(keys);
    }

    /** A single PDU announcing no keys. */
    public static PersistentKeyListPdu empty() {
        return new PersistentKeyListPdu(List.of(0, 0, 0, 0, 0), List.of(0, 0, 0, 0, 0), PERSIST_PDU_FIRST | PERSIST_PDU_LAST,
                List.of());
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST;
    }

    @Override
    public int bodySize() {
        return 24 + 8 * keys.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        numEntries.forEach(out::writeShortLE);
        totalEntries.forEach(out::writeShortLE);
        out.writeByte(bitMask);
        out.writeZero(3); // Pad2, Pad3
        for (long key : keys) {
            out.writeIntLE((int) key); // Key1: low 32 bits
            out.writeIntLE((int) (key >>> 32)); // Key2: high 32 bits
        }
    }

    static PersistentKeyListPdu decodeBody(ByteBuf body) {
        Wire.need(body, 24, PDU, "header");
        List<Integer> num = new ArrayList<>(5);
        List<Integer> total = new ArrayList<>(5);
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            num.add(body.readUnsignedShortLE());
            sum += num.get(i);
        }
        for (int i = 0; i < 5; i++) {
            total.add(body.readUnsignedShortLE());
        }
        int mask = body.readUnsignedByte();
        body.skipBytes(3);
        Wire.need(body, 8 * sum, PDU, "entries");
        List<Long> keys = new ArrayList<>(sum);
        for (int i = 0; i < sum; i++) {
            long low = body.readUnsignedIntLE();
            long high = body.readUnsignedIntLE();
            keys.add(high << 32 | low);
        }
        return Wire.decoded(() -> new PersistentKeyListPdu(num, total, mask, keys));
    }
}
