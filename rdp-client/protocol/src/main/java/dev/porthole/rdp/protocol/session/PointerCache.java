package dev.porthole.rdp.protocol.session;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.codec.pointer.Cursor;
import dev.porthole.rdp.protocol.connector.ClientCapabilities;
import dev.porthole.rdp.protocol.pdu.capability.CapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.PointerCapabilitySet;

/**
 * The client's pointer cache (MS-RDPBCGR 3.2.5.9.2, 2.2.7.1.5): color, new and large pointer updates store
 * their shape in slot {@code cacheIndex}, cached pointer updates show it again. Sized from the Pointer
 * Capability Set the client confirms (the larger of colorPointerCacheSize and pointerCacheSize); an index
 * outside it is MALFORMED, as is showing an empty slot.
 */
public final class PointerCache {

    private final Cursor[] slots;

    public PointerCache(int size) {
        if (size < 1 || size > 0xFFFF) {
            throw RdpException.argument("PointerCache", "size", size + " is not 1..65535");
        }
        this.slots = new Cursor[size];
    }

    /** A cache as large as this client's confirmed Pointer Capability Set allows. */
    public static PointerCache forClientCapabilities() {
        for (CapabilitySet c : ClientCapabilities.of(640, 480, 32, 0x409)) {
            if (c instanceof PointerCapabilitySet p) {
                int pointers = p.pointerCacheSize() == null ? 0 : p.pointerCacheSize();
                return new PointerCache(Math.max(1, Math.max(p.colorPointerCacheSize(), pointers)));
            }
        }
        return new PointerCache(1);
    }

    public int size() {
        return slots.length;
    }

    public void put(int index, Cursor cursor, String pdu) {
        check(index, pdu);
        slots[index] = cursor;
    }

    public Cursor get(int index) {
        check(index, "TS_CACHEDPOINTERATTRIBUTE");
        Cursor c = slots[index];
        if (c == null) {
            throw RdpException.malformed("TS_CACHEDPOINTERATTRIBUTE", "cacheIndex", "slot " + index + " holds no pointer");
        }
        return c;
    }

    private void check(int index, String pdu) {
        if (index < 0 || index >= slots.length) {
            throw RdpException.malformed(pdu, "cacheIndex", index + " is outside the pointer cache of " + slots.length);
        }
    }
}
