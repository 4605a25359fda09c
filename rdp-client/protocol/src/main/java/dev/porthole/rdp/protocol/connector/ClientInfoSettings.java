package dev.porthole.rdp.protocol.connector;

import dev.porthole.rdp.protocol.pdu.rdp.ArcCsPrivatePacket;
import dev.porthole.rdp.protocol.pdu.rdp.TimeZoneInformation;

/**
 * Inputs of the Client Info PDU's extended part (MS-RDPBCGR 2.2.1.11.1.1.1) that the caller knows and
 * the sans-I/O core must not look up itself: the time zone, the client's address, experience flags and,
 * on auto-reconnect, the ARC cookie (MS-RDPBCGR 5.5).
 *
 * @param autoReconnectCookie the cookie for an automatic reconnection, or {@code null}
 */
public record ClientInfoSettings(TimeZoneInformation timeZone, String clientAddress, int performanceFlags,
                                 ArcCsPrivatePacket autoReconnectCookie) {

    /** PERF_DISABLE_WALLPAPER | PERF_DISABLE_FULLWINDOWDRAG | PERF_DISABLE_MENUANIMATIONS | PERF_DISABLE_THEMING. */
    public static final int THIN_CLIENT_PERFORMANCE_FLAGS = 0x01 | 0x02 | 0x04 | 0x08;

    /** UTC, loopback address, thin-client experience flags, no cookie. */
    public static ClientInfoSettings defaults() {
        return new ClientInfoSettings(TimeZoneInformation.UTC, "127.0.0.1", THIN_CLIENT_PERFORMANCE_FLAGS, null);
    }
}
