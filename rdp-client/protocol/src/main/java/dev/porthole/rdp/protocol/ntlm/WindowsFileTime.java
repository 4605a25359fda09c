package dev.porthole.rdp.protocol.ntlm;

/**
 * FILETIME (MS-DTYP 2.3.3): 100-nanosecond intervals since 1601-01-01T00:00:00Z, the NTLMv2
 * TimeStamp of MS-NLMP 2.2.2.7. The protocol core reads no clock; callers convert the time they
 * read with {@link #fromUnixMillis(long)}.
 */
public final class WindowsFileTime {

    /** Milliseconds between 1601-01-01 and 1970-01-01. */
    static final long EPOCH_DIFFERENCE_MILLIS = 11_644_473_600_000L;

    private WindowsFileTime() {}

    /** Converts milliseconds since the Unix epoch (as from a caller's clock) to a FILETIME value. */
    public static long fromUnixMillis(long unixMillis) {
        return Math.multiplyExact(Math.addExact(unixMillis, EPOCH_DIFFERENCE_MILLIS), 10_000L);
    }
}
