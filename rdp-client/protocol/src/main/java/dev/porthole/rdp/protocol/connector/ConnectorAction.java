package dev.porthole.rdp.protocol.connector;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.gcc.ServerData;
import io.netty.buffer.ByteBuf;

/** What the sans-I/O connector asks its driver to do next. */
public sealed interface ConnectorAction {

    /** Write these bytes to the transport; the driver owns (and releases) the buffer. */
    record Send(ByteBuf data) implements ConnectorAction {}

    /**
     * Layer TLS over the transport now (MS-RDPBCGR 5.4.5.1), then call
     * {@link ClientConnector#onTlsEstablished}. For HYBRID protocols the driver then runs CredSSP.
     */
    record UpgradeToTls(int selectedProtocol) implements ConnectorAction {}

    /** A milestone for logs and progress reporting. */
    record Milestone(Phase phase, String detail) implements ConnectorAction {}

    /** The connection failed; the driver closes the transport. */
    record Failed(RdpException error) implements ConnectorAction {}

    /** The connection phases, in order (MS-RDPBCGR 1.3.1.1). */
    enum Phase {
        NEGOTIATED, SECURITY_ESTABLISHED, BASIC_SETTINGS_EXCHANGED, USER_ATTACHED, CHANNELS_JOINED,
        SECURE_SETTINGS_EXCHANGED, LICENSED, CAPABILITIES_EXCHANGED, ACTIVE, DEACTIVATED
    }

    /**
     * The session is active (after finalization, and again after each reactivation): what the server
     * granted. Graphics for this activation follow as {@link ServerShareData} and fast-path updates.
     */
    record Activation(int shareId, int serverChannelId, int desktopWidth, int desktopHeight, int colorDepth,
                      dev.porthole.rdp.protocol.pdu.rdp.DemandActivePdu demandActive) implements ConnectorAction {}

    /** A share data PDU from the server (updates, pointer, error info, save session info…); slices of the frame. */
    record ServerShareData(dev.porthole.rdp.protocol.pdu.rdp.ShareData data) implements ConnectorAction {}

    /** Another share control PDU (for example a Server Redirection PDU), for the session layer. */
    record ServerControlPdu(dev.porthole.rdp.protocol.pdu.rdp.ShareControlPdu pdu) implements ConnectorAction {}

    /** Data on a static virtual channel (MS-RDPBCGR 2.2.6.1); a slice of the frame. */
    record ChannelData(int channelId, ByteBuf data) implements ConnectorAction {}

    /** Basic settings exchanged: what the server answered in its GCC data blocks. */
    record ServerSettings(ServerData serverData) implements ConnectorAction {}
}
