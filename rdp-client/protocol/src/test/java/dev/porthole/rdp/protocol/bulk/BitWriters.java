package dev.porthole.rdp.protocol.bulk;

import java.io.ByteArrayOutputStream;

/** Bit writers for the test compressors: MPPC is most significant bit first, RDP 6.0 least significant first. */
final class BitWriters {

    private BitWriters() {}

    /** MS-RDPBCGR 3.1.8.4: fields most significant bit first, the last byte zero-padded. */
    static final class Msb {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        Msb bits(int value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                current = current << 1 | (value >>> i & 1);
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
            return this;
        }

        /** A bit string such as "1110" followed by {@code n} bits of {@code value}. */
        Msb prefixed(String prefix, int value, int n) {
            for (char c : prefix.toCharArray()) {
                bits(c - '0', 1);
            }
            return bits(value, n);
        }

        byte[] finish() {
            if (used > 0) {
                out.write(current << (8 - used));
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }

    /** MS-RDPEGDI 3.1.8.1.4: a little-endian bit stream, each field least significant bit first. */
    static final class Lsb {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long current;
        private int used;

        Lsb bits(int value, int n) {
            current |= (value & ((1L << n) - 1)) << used;
            used += n;
            while (used >= 8) {
                out.write((int) current & 0xFF);
                current >>>= 8;
                used -= 8;
            }
            return this;
        }

        byte[] finish() {
            if (used > 0) {
                out.write((int) current & 0xFF);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}
