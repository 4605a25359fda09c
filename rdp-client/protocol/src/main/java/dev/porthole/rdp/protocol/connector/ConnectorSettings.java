package dev.porthole.rdp.protocol.connector;

import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.gcc.MonitorDef;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;

/**
 * What the client asks for when it connects (MS-RDPBCGR 1.3.1.1): security protocols, desktop,
 * static channels, broker routing. Credentials are not here: they go to the security exchange and
 * the Client Info PDU and never into a {@code toString}.
 *
 * @param requestedProtocols  {@link SecurityProtocols} flags for RDP_NEG_REQ (never PROTOCOL_RDP alone)
 * @param routingToken        a broker's load-balance info ({@code Cookie: msts=...}), or {@code null}
 * @param cookieUser          the {@code mstshash} identifier when there is no routing token, or {@code null}
 * @param desktopWidth        requested width, 200..8192
 * @param desktopHeight       requested height, 200..8192
 * @param colorDepth          16, 24 or 32
 * @param keyboardLayout      Windows input locale identifier, e.g. 0x409
 * @param clientName          at most 15 characters
 * @param staticChannels      static virtual channels to join (at most 31)
 * @param monitors            monitor layout, empty for a single monitor
 * @param redirectedSessionId session id from a Server Redirection PDU, or 0
 */
public record ConnectorSettings(int requestedProtocols, String routingToken, String cookieUser, int desktopWidth,
                                int desktopHeight, int colorDepth, int keyboardLayout, String clientName,
                                List<ChannelDef> staticChannels, List<MonitorDef> monitors, int redirectedSessionId) {

    static final String WHAT = "ConnectorSettings";

    public ConnectorSettings {
        if ((requestedProtocols & (SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID
                | SecurityProtocols.PROTOCOL_HYBRID_EX)) == 0) {
            throw RdpException.argument(WHAT, "requestedProtocols",
                    "must include TLS or CredSSP (Standard RDP Security is not offered)");
        }
        if (desktopWidth < 200 || desktopWidth > 8192 || desktopHeight < 200 || desktopHeight > 8192) {
            throw RdpException.argument(WHAT, "desktop", desktopWidth + "x" + desktopHeight + " outside 200..8192");
        }
        if (colorDepth != 16 && colorDepth != 24 && colorDepth != 32 && colorDepth != 15) {
            throw RdpException.argument(WHAT, "colorDepth", colorDepth + " is not 15, 16, 24 or 32");
        }
        if (clientName == null || clientName.isEmpty() || clientName.length() > 15) {
            throw RdpException.argument(WHAT, "clientName", "must have 1 to 15 characters");
        }
        staticChannels = List.copyOf(staticChannels);
        monitors = List.copyOf(monitors);
    }
}
