package dev.porthole.rdp.netty.client;

import dev.porthole.rdp.protocol.pdu.rdp.ArcCsPrivatePacket;
import dev.porthole.rdp.protocol.pdu.rdp.ArcScPrivatePacket;
import dev.porthole.rdp.protocol.pdu.rdp.AutoReconnectStatusPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ErrorInfo;
import dev.porthole.rdp.protocol.pdu.rdp.LogonInfoExtended;
import dev.porthole.rdp.protocol.pdu.rdp.SaveSessionInfoPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ServerRedirectionPacket;
import dev.porthole.rdp.protocol.pdu.rdp.SetErrorInfoPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ShareData;

/**
 * What {@link RdpClient} hands into one connection and learns from it, kept out of the public listener so
 * the auto-reconnect cookie never becomes programmatically visible (MS-RDPBCGR 5.5): in go the server's
 * last cookie and a redirected session id; out come a renewed cookie (Save Session Info, 2.2.10.1.1.4), the
 * last Set Error Info code (2.2.5.1.1), an Auto-Reconnect Status (2.2.4.1.1) and a Server Redirection
 * Packet (2.2.13.1). Written on the connection's event loop, read by the client after the connection ended.
 */
final class Attempt {

    static final Attempt NONE = new Attempt(null, 0);

    private final ArcScPrivatePacket presentCookie;
    private final int redirectedSessionId;
    private volatile ArcScPrivatePacket receivedCookie;
    private volatile int errorInfo;
    private volatile boolean cookieRefused;
    private volatile ServerRedirectionPacket redirection;

    Attempt(ArcScPrivatePacket presentCookie, int redirectedSessionId) {
        this.presentCookie = presentCookie;
        this.redirectedSessionId = redirectedSessionId;
    }

    /**
     * The Client Auto-Reconnect Packet for the Client Info PDU, or null. Only Enhanced RDP Security is
     * used by this client, so the verifier is keyed over the 32 zero bytes that stand in for the client random.
     */
    ArcCsPrivatePacket clientCookie() {
        return presentCookie == null ? null : ArcCsPrivatePacket.answering(presentCookie);
    }

    boolean presentedCookie() {
        return presentCookie != null;
    }

    int redirectedSessionId() {
        return redirectedSessionId;
    }

    /** Share data seen by the connection, before the session layer (and also before activation). */
    void onShareData(ShareData data) {
        if (this == NONE) {
            return;
        }
        switch (data) {
            case SaveSessionInfoPdu s when s.info() instanceof LogonInfoExtended ext && ext.autoReconnectCookie() != null ->
                    receivedCookie = ext.autoReconnectCookie();
            case SetErrorInfoPdu e when e.errorInfo() != ErrorInfo.ERRINFO_NONE -> errorInfo = e.errorInfo();
            case AutoReconnectStatusPdu ignored -> cookieRefused = true;
            default -> { }
        }
    }

    void onRedirection(ServerRedirectionPacket packet) {
        if (this != NONE) {
            redirection = packet;
        }
    }

    ArcScPrivatePacket receivedCookie() {
        return receivedCookie;
    }

    int errorInfo() {
        return errorInfo;
    }

    boolean cookieRefused() {
        return cookieRefused;
    }

    ServerRedirectionPacket redirection() {
        return redirection;
    }
}
