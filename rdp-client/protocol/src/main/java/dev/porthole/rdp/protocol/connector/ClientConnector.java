package dev.porthole.rdp.protocol.connector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Failed;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Milestone;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Send;
import dev.porthole.rdp.protocol.connector.ConnectorAction.ServerSettings;
import dev.porthole.rdp.protocol.connector.ConnectorAction.UpgradeToTls;
import dev.porthole.rdp.protocol.pdu.gcc.ClientClusterData;
import dev.porthole.rdp.protocol.pdu.gcc.ClientCoreData;
import dev.porthole.rdp.protocol.pdu.gcc.ClientData;
import dev.porthole.rdp.protocol.pdu.gcc.ClientMonitorData;
import dev.porthole.rdp.protocol.pdu.gcc.ClientNetworkData;
import dev.porthole.rdp.protocol.pdu.gcc.ClientSecurityData;
import dev.porthole.rdp.protocol.pdu.gcc.ConferenceCreateRequest;
import dev.porthole.rdp.protocol.pdu.gcc.ServerData;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectInitial;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectResponse;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionConfirm;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionRequest;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationFailure;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationRequest;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationResponse;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The client side of the RDP connection sequence (MS-RDPBCGR 1.3.1.1) as a sans-I/O state machine:
 * the driver passes whole TPKT packets in and carries out the returned {@link ConnectorAction}s. It
 * opens no socket, starts no thread and reads no clock; time-outs are the driver's.
 *
 * <p>Phases implemented here: connection initiation (X.224 negotiation), the enhanced security
 * upgrade hand-off, basic settings exchange (MCS Connect Initial/Response with GCC), channel
 * connection (Erect Domain, Attach User, Channel Joins, skipped when both sides support it). The
 * secure settings exchange, licensing, capabilities exchange and finalization follow (issue #3).
 */
public final class ClientConnector {

    /** Where the connector is. */
    public enum State {
        INITIAL, WAIT_CONNECTION_CONFIRM, WAIT_SECURITY_UPGRADE, WAIT_CONNECT_RESPONSE, WAIT_ATTACH_USER_CONFIRM,
        WAIT_CHANNEL_JOIN_CONFIRM, SECURE_SETTINGS_EXCHANGE, FAILED
    }

    private final ConnectorSettings settings;
    private final ByteBufAllocator alloc;
    private State state = State.INITIAL;
    private int selectedProtocol;
    private int negotiationFlags;
    private ServerData serverData;
    private int userId;
    private final Deque<Integer> channelsToJoin = new ArrayDeque<>();
    private final List<Integer> joinedChannels = new ArrayList<>();

    public ClientConnector(ConnectorSettings settings, ByteBufAllocator alloc) {
        this.settings = settings;
        this.alloc = alloc;
    }

    public State state() {
        return state;
    }

    public int selectedProtocol() {
        return selectedProtocol;
    }

    /** The server's GCC data, once the basic settings exchange is done. */
    public ServerData serverData() {
        return serverData;
    }

    /** The MCS user channel id assigned by the server (0 before Attach User Confirm). */
    public int userId() {
        return userId;
    }

    /** Channels joined so far (user channel, I/O channel, static channels). */
    public List<Integer> joinedChannels() {
        return List.copyOf(joinedChannels);
    }

    /** Starts the connection: the X.224 Connection Request. */
    public List<ConnectorAction> start() {
        expect(State.INITIAL);
        NegotiationRequest neg = new NegotiationRequest(0, settings.requestedProtocols());
        ConnectionRequest cr = settings.routingToken() != null
                ? new ConnectionRequest(settings.routingToken(), null, neg, null)
                : new ConnectionRequest(null, settings.cookieUser(), neg, null);
        state = State.WAIT_CONNECTION_CONFIRM;
        return List.of(send(cr.size(), cr::encode));
    }

    /**
     * One whole TPKT packet from the server. The caller keeps ownership of {@code frame}.
     *
     * @return actions in order; a {@link Failed} action is the last and the connector is then FAILED
     */
    public List<ConnectorAction> onFrame(ByteBuf frame) {
        try {
            return switch (state) {
                case WAIT_CONNECTION_CONFIRM -> onConnectionConfirm(ConnectionConfirm.decode(frame));
                case WAIT_CONNECT_RESPONSE -> onConnectResponse(ConnectResponse.decode(frame));
                case WAIT_ATTACH_USER_CONFIRM, WAIT_CHANNEL_JOIN_CONFIRM -> onDomainPdu(DomainPdu.decode(frame));
                default -> throw new RdpException(RdpException.Kind.STATE, "unexpected packet in state " + state);
            };
        } catch (RdpException e) {
            state = State.FAILED;
            return List.of(new Failed(e));
        }
    }

    /** The driver finished the TLS upgrade (and CredSSP for HYBRID protocols). */
    public List<ConnectorAction> onSecurityEstablished() {
        expect(State.WAIT_SECURITY_UPGRADE);
        List<ConnectorAction> out = new ArrayList<>();
        out.add(new Milestone(Phase.SECURITY_ESTABLISHED, SecurityProtocols.describe(selectedProtocol)));
        ConnectInitial ci = ConnectInitial.of(new ConferenceCreateRequest(clientData()));
        out.add(send(ci.size(), ci::encode));
        state = State.WAIT_CONNECT_RESPONSE;
        return out;
    }

    private List<ConnectorAction> onConnectionConfirm(ConnectionConfirm cc) {
        return switch (cc.outcome()) {
            case NegotiationFailure f -> throw new RdpException(RdpException.Kind.NEGOTIATION,
                    "the server refused the security negotiation: " + f.reason());
            case null -> throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    "the server only offers Standard RDP Security, which this client does not use");
            case NegotiationResponse r -> {
                if (r.selectedProtocol() == SecurityProtocols.PROTOCOL_RDP
                        || (r.selectedProtocol() & settings.requestedProtocols()) == 0
                        || Integer.bitCount(r.selectedProtocol()) != 1) {
                    throw new RdpException(RdpException.Kind.NEGOTIATION, "the server selected "
                            + SecurityProtocols.describe(r.selectedProtocol()) + ", which was not requested ("
                            + SecurityProtocols.describe(settings.requestedProtocols()) + ")");
                }
                selectedProtocol = r.selectedProtocol();
                negotiationFlags = r.flags();
                state = State.WAIT_SECURITY_UPGRADE;
                yield List.of(new Milestone(Phase.NEGOTIATED, SecurityProtocols.describe(selectedProtocol)),
                        new UpgradeToTls(selectedProtocol));
            }
        };
    }

    private ClientData clientData() {
        int early = ClientCoreData.RNS_UD_CS_SUPPORT_ERRINFO_PDU | ClientCoreData.RNS_UD_CS_VALID_CONNECTION_TYPE
                | ClientCoreData.RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU | ClientCoreData.RNS_UD_CS_SUPPORT_NETCHAR_AUTODETECT
                | ClientCoreData.RNS_UD_CS_SUPPORT_HEARTBEAT_PDU | ClientCoreData.RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN;
        if (settings.colorDepth() == 32) {
            early |= ClientCoreData.RNS_UD_CS_WANT_32BPP_SESSION;
        }
        int highColor = settings.colorDepth() == 32 ? 24 : settings.colorDepth();
        ClientCoreData core = new ClientCoreData(ClientCoreData.RDP_VERSION_10_7, settings.desktopWidth(),
                settings.desktopHeight(), ClientCoreData.RNS_UD_COLOR_8BPP, ClientCoreData.RNS_UD_SAS_DEL,
                settings.keyboardLayout(), 2600, settings.clientName(), 4, 0, 12, "", ClientCoreData.MAX_OPTIONAL_FIELDS,
                ClientCoreData.RNS_UD_COLOR_8BPP, 1, 0, highColor,
                ClientCoreData.RNS_UD_32BPP_SUPPORT | ClientCoreData.RNS_UD_24BPP_SUPPORT
                        | ClientCoreData.RNS_UD_16BPP_SUPPORT | ClientCoreData.RNS_UD_15BPP_SUPPORT,
                early, "", ClientCoreData.CONNECTION_TYPE_AUTODETECT, selectedProtocol, 0, 0, 0, 100, 100);
        ClientClusterData cluster = new ClientClusterData(ClientClusterData.REDIRECTION_SUPPORTED
                | ClientClusterData.REDIRECTION_VERSION4
                | (settings.redirectedSessionId() != 0 ? ClientClusterData.REDIRECTED_SESSIONID_FIELD_VALID : 0),
                settings.redirectedSessionId());
        return new ClientData(core, cluster, new ClientSecurityData(0, 0), new ClientNetworkData(settings.staticChannels()),
                settings.monitors().isEmpty() ? null : new ClientMonitorData(settings.monitors()));
    }

    private List<ConnectorAction> onConnectResponse(ConnectResponse cr) {
        serverData = cr.gcc().serverData();
        if (serverData.network().channelIds().size() != settings.staticChannels().size()) {
            throw RdpException.malformed("TS_UD_SC_NET", "channelCount", serverData.network().channelIds().size()
                    + " channel ids for " + settings.staticChannels().size() + " requested channels");
        }
        List<ConnectorAction> out = new ArrayList<>();
        out.add(new Milestone(Phase.BASIC_SETTINGS_EXCHANGED, "server version "
                + Integer.toHexString(serverData.core().version()) + ", io channel " + serverData.network().mcsChannelId()));
        out.add(new ServerSettings(serverData));
        DomainPdu.ErectDomainRequest erect = new DomainPdu.ErectDomainRequest(0, 0);
        out.add(send(erect.size(), erect::encode));
        DomainPdu.AttachUserRequest attach = new DomainPdu.AttachUserRequest();
        out.add(send(attach.size(), attach::encode));
        state = State.WAIT_ATTACH_USER_CONFIRM;
        return out;
    }

    private List<ConnectorAction> onDomainPdu(DomainPdu pdu) {
        List<ConnectorAction> out = new ArrayList<>();
        if (state == State.WAIT_ATTACH_USER_CONFIRM) {
            if (!(pdu instanceof DomainPdu.AttachUserConfirm auc)) {
                throw new RdpException(RdpException.Kind.STATE, "expected Attach User Confirm, got " + name(pdu));
            }
            if (auc.result() != 0 || auc.initiator() == null) {
                throw new RdpException(RdpException.Kind.NEGOTIATION, "the server refused to attach the MCS user (result "
                        + auc.result() + ")");
            }
            userId = auc.initiator();
            out.add(new Milestone(Phase.USER_ATTACHED, "user channel " + userId));
            boolean skipJoin = serverData.core().skipChannelJoinSupported();
            if (!skipJoin) {
                channelsToJoin.add(userId);
                channelsToJoin.add(serverData.network().mcsChannelId());
                serverData.network().channelIds().stream().filter(id -> id != 0).forEach(channelsToJoin::add);
                if (serverData.messageChannel() != null) {
                    channelsToJoin.add(serverData.messageChannel().mcsChannelId());
                }
            }
            return joinNext(out);
        }
        if (!(pdu instanceof DomainPdu.ChannelJoinConfirm cjc)) {
            throw new RdpException(RdpException.Kind.STATE, "expected Channel Join Confirm, got " + name(pdu));
        }
        int requested = channelsToJoin.peekFirst();
        if (cjc.requested() != requested) {
            throw RdpException.malformed("MCS Channel Join Confirm", "requested", cjc.requested() + ", expected " + requested);
        }
        if (cjc.result() != 0) {
            throw new RdpException(RdpException.Kind.NEGOTIATION, "the server refused to join channel " + requested
                    + " (result " + cjc.result() + ")");
        }
        joinedChannels.add(channelsToJoin.removeFirst());
        return joinNext(out);
    }

    private List<ConnectorAction> joinNext(List<ConnectorAction> out) {
        if (channelsToJoin.isEmpty()) {
            out.add(new Milestone(Phase.CHANNELS_JOINED, joinedChannels.isEmpty() ? "skipped (server supports it)"
                    : joinedChannels.toString()));
            state = State.SECURE_SETTINGS_EXCHANGE;
            return out;
        }
        DomainPdu.ChannelJoinRequest req = new DomainPdu.ChannelJoinRequest(userId, channelsToJoin.peekFirst());
        out.add(send(req.size(), req::encode));
        state = State.WAIT_CHANNEL_JOIN_CONFIRM;
        return out;
    }

    private static String name(DomainPdu pdu) {
        return pdu.getClass().getSimpleName();
    }

    private void expect(State expected) {
        if (state != expected) {
            throw new RdpException(RdpException.Kind.STATE, "connector is in state " + state + ", expected " + expected);
        }
    }

    private Send send(int size, java.util.function.Consumer<ByteBuf> encoder) {
        ByteBuf buf = alloc.buffer(size);
        try {
            encoder.accept(buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        return new Send(buf);
    }

    /** Negotiation flags from RDP_NEG_RSP (for example DYNVC_GFX_PROTOCOL_SUPPORTED). */
    public int negotiationFlags() {
        return negotiationFlags;
    }
}
