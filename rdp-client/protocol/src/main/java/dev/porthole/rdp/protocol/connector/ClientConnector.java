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
import dev.porthole.rdp.protocol.pdu.capability.BitmapCapabilitySet;
import dev.porthole.rdp.protocol.license.LicenseClient;
import dev.porthole.rdp.protocol.license.LicenseOutcome;
import dev.porthole.rdp.protocol.license.LicensingSettings;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.ClientInfoPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ConfirmActivePdu;
import dev.porthole.rdp.protocol.pdu.rdp.ControlPdu;
import dev.porthole.rdp.protocol.pdu.rdp.DeactivateAllPdu;
import dev.porthole.rdp.protocol.pdu.rdp.DemandActivePdu;
import dev.porthole.rdp.protocol.pdu.rdp.ExtendedInfoPacket;
import dev.porthole.rdp.protocol.pdu.rdp.FontListPdu;
import dev.porthole.rdp.protocol.pdu.rdp.FontMapPdu;
import dev.porthole.rdp.protocol.pdu.rdp.InfoPacket;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityHeader;
import dev.porthole.rdp.protocol.pdu.rdp.ShareControlPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ShareData;
import dev.porthole.rdp.protocol.pdu.rdp.ShareDataPdu;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityExchangePdu;
import dev.porthole.rdp.protocol.pdu.rdp.SynchronizePdu;
import dev.porthole.rdp.protocol.security.StandardSecurity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The client side of the RDP connection sequence (MS-RDPBCGR 1.3.1.1) as a sans-I/O state machine:
 * the driver passes whole TPKT packets in and carries out the returned {@link ConnectorAction}s. It
 * opens no socket, starts no thread and reads no clock; time-outs are the driver's.
 *
 * <p>Phases implemented here: connection initiation (X.224 negotiation), the enhanced security
 * upgrade hand-off, basic settings exchange (MCS Connect Initial/Response with GCC), channel
 * connection (Erect Domain, Attach User, Channel Joins, skipped when both sides support it), the
 * secure settings exchange (Client Info), licensing (MS-RDPELE: the valid-client short cut and the full
 * exchange through a {@link LicenseClient}, with the randomness and device id of the
 * {@link LicensingSettings}), the capabilities exchange and finalization, and the
 * deactivation-reactivation sequence. Once ACTIVE, share data PDUs and
 * static channel data are handed out as actions for the session layer.
 *
 * <p>Buffers inside returned actions other than {@link ConnectorAction.Send} are slices of the frame
 * passed to {@link #onFrame}: use them before releasing the frame.
 */
public final class ClientConnector {

    /** Where the connector is. */
    public enum State {
        INITIAL, WAIT_CONNECTION_CONFIRM, WAIT_SECURITY_UPGRADE, WAIT_CONNECT_RESPONSE, WAIT_ATTACH_USER_CONFIRM,
        WAIT_CHANNEL_JOIN_CONFIRM, WAIT_LICENSE, WAIT_DEMAND_ACTIVE, FINALIZATION, ACTIVE, FAILED
    }

    private final ConnectorSettings settings;
    private final LogonCredentials logon;
    private final ClientInfoSettings info;
    private final LicensingSettings licensing;
    private final ByteBufAllocator alloc;
    private LicenseClient licenseClient;
    private LicenseOutcome licenseOutcome;
    private int shareId;
    private int serverChannelId = 1002;
    private State state = State.INITIAL;
    private int selectedProtocol;
    private int negotiationFlags;
    private ServerData serverData;
    private int userId;
    private final Deque<Integer> channelsToJoin = new ArrayDeque<>();
    private final List<Integer> joinedChannels = new ArrayList<>();
    private java.util.function.Consumer<byte[]> standardEntropy;
    private StandardSecurity standard;

    public ClientConnector(ConnectorSettings settings, ByteBufAllocator alloc) {
        this(settings, new LogonCredentials("", "", new char[0]), ClientInfoSettings.defaults(), alloc);
    }

    /**
     * A connector without licensing settings ({@link LicensingSettings#NONE}): a server that asks for the
     * full licensing exchange fails the connection with an ARGUMENT error saying so.
     *
     * @param logon copied; used for the Client Info PDU, then wiped
     */
    public ClientConnector(ConnectorSettings settings, LogonCredentials logon, ClientInfoSettings info,
                           ByteBufAllocator alloc) {
        this(settings, logon, info, LicensingSettings.NONE, alloc);
    }

    /**
     * @param logon     copied; used for the Client Info PDU (and its user name as ClientUserName of the
     *                  licensing exchange), then wiped
     * @param licensing entropy, device id and stored license for the licensing exchange (MS-RDPELE); the
     *                  client name of {@code settings} is the ClientMachineName
     */
    public ClientConnector(ConnectorSettings settings, LogonCredentials logon, ClientInfoSettings info,
                           LicensingSettings licensing, ByteBufAllocator alloc) {
        this.settings = settings;
        this.logon = new LogonCredentials(logon.user(), logon.domain(), logon.password());
        this.info = info;
        this.licensing = licensing;
        this.alloc = alloc;
    }

    /**
     * How licensing ended, once the connector is past it: the server's valid-client short cut, a license
     * issued or upgraded (then {@link LicenseOutcome#license()} holds it for the caller to store), or
     * {@code null} when the server skipped licensing or it is not over yet.
     */
    public LicenseOutcome licenseOutcome() {
        return licenseOutcome;
    }

    /** The share id of the current activation (0 before Demand Active). */
    public int shareId() {
        return shareId;
    }

    /** The I/O channel id (MCS channel of the share). */
    public int ioChannelId() {
        return serverData == null ? 1003 : serverData.network().mcsChannelId();
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

    /**
     * Accepts Standard RDP Security (MS-RDPBCGR 5.3) when the server does not select TLS or CredSSP: without
     * this call such a server is refused. Standard RDP Security does not authenticate the server; call it only
     * on an explicit opt-in. Must be called before {@link #start()}.
     *
     * @param entropy fills the 32-byte client random
     */
    public ClientConnector allowStandardRdpSecurity(java.util.function.Consumer<byte[]> entropy) {
        expect(State.INITIAL);
        this.standardEntropy = java.util.Objects.requireNonNull(entropy, "entropy");
        return this;
    }

    /** The Standard RDP Security state once negotiated, or {@code null} (TLS, CredSSP, or not yet). */
    public StandardSecurity standardSecurity() {
        return standard;
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
                case WAIT_LICENSE, WAIT_DEMAND_ACTIVE, FINALIZATION, ACTIVE -> onSendData(DomainPdu.decode(frame));
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
            case null -> startStandardSecurity("answered with a plain X.224 Connection Confirm (no RDP_NEG_RSP)", 0);
            case NegotiationResponse r when r.selectedProtocol() == SecurityProtocols.PROTOCOL_RDP ->
                    startStandardSecurity("selected PROTOCOL_RDP", r.flags());
            case NegotiationResponse r -> {
                if ((r.selectedProtocol() & settings.requestedProtocols()) == 0
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

    /** The server chose Standard RDP Security: refused unless allowed, else straight on to MCS Connect Initial. */
    private List<ConnectorAction> startStandardSecurity(String how, int flags) {
        if (standardEntropy == null) {
            throw new RdpException(RdpException.Kind.NEGOTIATION, "the server " + how + ": it only offers Standard RDP "
                    + "Security, which does not authenticate the server and is refused unless the configuration allows it "
                    + "(RdpClientConfig allowStandardRdpSecurity)");
        }
        selectedProtocol = SecurityProtocols.PROTOCOL_RDP;
        negotiationFlags = flags;
        List<ConnectorAction> out = new ArrayList<>();
        out.add(new Milestone(Phase.NEGOTIATED, "Standard RDP Security (the server " + how + ")"));
        ConnectInitial ci = ConnectInitial.of(new ConferenceCreateRequest(clientData()));
        out.add(send(ci.size(), ci::encode));
        state = State.WAIT_CONNECT_RESPONSE;
        return out;
    }

    private boolean standardSelected() {
        return standardEntropy != null && selectedProtocol == SecurityProtocols.PROTOCOL_RDP;
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
        boolean std = standardSelected();
        // under Standard RDP Security no message channel is requested (its PDUs would need their own encryption rules)
        return new ClientData(core, cluster, new ClientSecurityData(std ? StandardSecurity.OFFERED_METHODS : 0, 0),
                new ClientNetworkData(settings.staticChannels()),
                settings.monitors().isEmpty() ? null : new ClientMonitorData(settings.monitors()),
                std ? null : new dev.porthole.rdp.protocol.pdu.gcc.ClientMessageChannelData()); // auto-detect and heartbeat (session.MessageChannel)
    }

    private List<ConnectorAction> onConnectResponse(ConnectResponse cr) {
        serverData = cr.gcc().serverData();
        if (serverData.network().channelIds().size() != settings.staticChannels().size()) {
            throw RdpException.malformed("TS_UD_SC_NET", "channelCount", serverData.network().channelIds().size()
                    + " channel ids for " + settings.staticChannels().size() + " requested channels");
        }
        List<ConnectorAction> out = new ArrayList<>();
        if (standardSelected()) {
            standard = StandardSecurity.negotiate(serverData.security(), standardEntropy);
            out.add(new Milestone(Phase.SECURITY_ESTABLISHED, "Standard RDP Security, RC4 "
                    + switch (standard.method()) { case 1 -> "40"; case 8 -> "56"; default -> "128"; }
                    + "-bit, encryption level " + standard.level()));
        }
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
            return sendClientInfo(out);
        }
        DomainPdu.ChannelJoinRequest req = new DomainPdu.ChannelJoinRequest(userId, channelsToJoin.peekFirst());
        out.add(send(req.size(), req::encode));
        state = State.WAIT_CHANNEL_JOIN_CONFIRM;
        return out;
    }

    private List<ConnectorAction> sendClientInfo(List<ConnectorAction> out) {
        char[] password = logon.password();
        try {
            int flags = InfoPacket.INFO_MOUSE | InfoPacket.INFO_DISABLECTRLALTDEL | InfoPacket.INFO_UNICODE
                    | InfoPacket.INFO_MAXIMIZESHELL | InfoPacket.INFO_LOGONNOTIFY | InfoPacket.INFO_ENABLEWINDOWSKEY
                    | InfoPacket.INFO_LOGONERRORS | InfoPacket.INFO_MOUSE_HAS_WHEEL | InfoPacket.INFO_NOAUDIOPLAYBACK
                    | InfoPacket.compressionType(dev.porthole.rdp.protocol.session.ActiveSession.OFFERED_COMPRESSION.code())
                    | (logon.user().isEmpty() ? 0 : InfoPacket.INFO_AUTOLOGON);
            ExtendedInfoPacket extra = ExtendedInfoPacket.of(ADDRESS_FAMILY_INET, info.clientAddress(),
                    "C:\\Windows\\System32\\mstscax.dll", info.timeZone(), info.performanceFlags(),
                    info.autoReconnectCookie(), "", false);
            InfoPacket infoPacket = new InfoPacket(settings.keyboardLayout() & 0xFFFF, flags, logon.domain(),
                    logon.user(), new String(password), "", "", extra);
            if (standard != null) {
                // MS-RDPBCGR 1.3.1.1: the Security Exchange PDU, then everything the client sends is encrypted
                // SEC_LICENSE_ENCRYPT_SC: encrypted licensing PDUs from the server are decrypted like any other
                SecurityExchangePdu exchange = new SecurityExchangePdu(SecurityHeader.SEC_EXCHANGE_PKT
                        | SecurityHeader.SEC_LICENSE_ENCRYPT_SC,
                        Bytes.of(standard.encryptedClientRandom()));
                out.add(sendPlain(exchange.size(), exchange::encode));
                out.add(sendSecured(SecurityHeader.SEC_INFO_PKT, infoPacket.size(), infoPacket::encode));
            } else {
                ClientInfoPdu pdu = new ClientInfoPdu(infoPacket);
                out.add(sendData(pdu.size(), pdu::encode));
            }
        } finally {
            java.util.Arrays.fill(password, '\0');
            logon.destroy();
        }
        out.add(new Milestone(Phase.SECURE_SETTINGS_EXCHANGED, "Client Info sent"));
        state = State.WAIT_LICENSE;
        return out;
    }

    private static final int ADDRESS_FAMILY_INET = 0x0002;

    /**
     * Wraps {@code encoder}'s bytes in an MCS Send Data Request on the I/O channel; under Standard RDP Security
     * behind an encrypting Non-FIPS security header.
     */
    private Send sendData(int size, java.util.function.Consumer<ByteBuf> encoder) {
        return standard != null ? sendSecured(0, size, encoder) : sendPlain(size, encoder);
    }

    /** {@code encoder}'s bytes encrypted and signed behind a security header with {@code flags} | SEC_ENCRYPT. */
    private Send sendSecured(int flags, int size, java.util.function.Consumer<ByteBuf> encoder) {
        ByteBuf plain = alloc.buffer(size);
        try {
            encoder.accept(plain);
            return sendPlain(StandardSecurity.securedOverhead() + plain.readableBytes(),
                    out -> standard.encodeSecured(flags, plain, out));
        } finally {
            plain.release();
        }
    }

    /** Wraps {@code encoder}'s bytes as they are in an MCS Send Data Request on the I/O channel. */
    private Send sendPlain(int size, java.util.function.Consumer<ByteBuf> encoder) {
        ByteBuf payload = alloc.buffer(size);
        try {
            encoder.accept(payload);
            DomainPdu.SendDataRequest sdr = new DomainPdu.SendDataRequest(userId, ioChannelId(), payload);
            return send(sdr.size(), sdr::encode);
        } finally {
            payload.release();
        }
    }

    private Send shareData(ShareData data) {
        ShareDataPdu pdu = new ShareDataPdu(userId, shareId, ShareDataPdu.STREAM_LOW, data);
        return sendData(pdu.size(), pdu::encode);
    }

    private List<ConnectorAction> onSendData(DomainPdu pdu) {
        List<ConnectorAction> out = new ArrayList<>();
        switch (pdu) {
            case DomainPdu.DisconnectProviderUltimatum d -> throw new RdpException(RdpException.Kind.TRANSPORT,
                    "the server ended the MCS connection (Disconnect Provider Ultimatum, reason " + d.reason() + ")");
            case DomainPdu.SendDataIndication sdi when standard != null -> {
                // MS-RDPBCGR 2.2.8.1.1.2: every PDU has a security header; encrypted ones are decrypted in place
                ByteBuf data = sdi.userData();
                int flags = standard.unwrap(data);
                if (sdi.channelId() != ioChannelId()) {
                    out.add(new ConnectorAction.ChannelData(sdi.channelId(), data));
                } else if ((flags & SecurityHeader.SEC_LICENSE_PKT) != 0) {
                    if (state != State.WAIT_LICENSE) {
                        throw new RdpException(RdpException.Kind.STATE, "licensing PDU in state " + state);
                    }
                    // SEC_LICENSE_ENCRYPT_CS: the server accepts encrypted licensing PDUs (MS-RDPBCGR 2.2.1.12)
                    encryptLicensing = (flags & SecurityHeader.SEC_LICENSE_ENCRYPT_CS) != 0;
                    onLicensing(LicensePdu.decode(data), out);
                } else {
                    onShareControl(data, out);
                }
            }
            case DomainPdu.SendDataIndication sdi when sdi.channelId() == ioChannelId() -> onIoChannel(sdi.userData(), out);
            case DomainPdu.SendDataIndication sdi -> out.add(new ConnectorAction.ChannelData(sdi.channelId(), sdi.userData()));
            default -> throw new RdpException(RdpException.Kind.STATE, "unexpected " + name(pdu) + " in state " + state);
        }
        return out;
    }

    private void onIoChannel(ByteBuf data, List<ConnectorAction> out) {
        if (state == State.WAIT_LICENSE && data.readableBytes() >= 2
                && (data.getUnsignedShortLE(data.readerIndex()) & SecurityHeader.SEC_LICENSE_PKT) != 0) {
            onLicensing(LicensePdu.decodeSecured(data), out);
            return;
        }
        onShareControl(data, out);
    }

    private void onShareControl(ByteBuf data, List<ConnectorAction> out) {
        for (ShareControlPdu pdu : ShareControlPdu.decodeAll(data)) {
            switch (pdu) {
                case DemandActivePdu demand -> onDemandActive(demand, out);
                case DeactivateAllPdu ignored -> {
                    out.add(new Milestone(Phase.DEACTIVATED, "server started a reactivation"));
                    state = State.WAIT_DEMAND_ACTIVE;
                }
                case ShareDataPdu sd -> onShareData(sd.data(), out);
                default -> out.add(new ConnectorAction.ServerControlPdu(pdu));
            }
        }
    }

    /**
     * One licensing PDU of the licensing phase (MS-RDPBCGR 1.3.1.1, MS-RDPELE 1.3.3): the server's messages
     * come as Send Data Indications on the I/O channel behind a SEC_LICENSE_PKT security header, the
     * client's go back the same way in Send Data Requests.
     */
    private void onLicensing(LicensePdu pdu, List<ConnectorAction> out) {
        if (licenseClient == null) {
            licenseClient = new LicenseClient(logon.user(), settings.clientName(), licensing,
                    serverData == null ? new byte[0] : serverData.security().serverCertificate());
        }
        switch (licenseClient.onServerMessage(pdu)) {
            case LicenseClient.Reply r -> out.add(sendLicensing(r.pdu()));
            case LicenseClient.Wait ignored -> { }
            case LicenseClient.Done d -> {
                licenseOutcome = d.outcome();
                out.add(new Milestone(Phase.LICENSED, d.outcome().detail()));
                state = State.WAIT_DEMAND_ACTIVE;
            }
            case LicenseClient.Abort a -> {
                out.add(sendLicensing(a.pdu()));
                out.add(new Failed(a.error()));
                state = State.FAILED;
            }
        }
    }

    /**
     * A client licensing PDU (MS-RDPBCGR 2.2.1.12): behind a basic security header, or under Standard RDP
     * Security encrypted when the server announced SEC_LICENSE_ENCRYPT_CS.
     */
    private Send sendLicensing(LicensePdu pdu) {
        if (standard != null && encryptLicensing) {
            return sendSecured(SecurityHeader.SEC_LICENSE_PKT, pdu.size(), pdu::encode);
        }
        return sendPlain(pdu.securedSize(), pdu::encodeSecured);
    }

    private boolean encryptLicensing;

    private void onDemandActive(DemandActivePdu demand, List<ConnectorAction> out) {
        if (state != State.WAIT_DEMAND_ACTIVE && state != State.WAIT_LICENSE) {
            throw new RdpException(RdpException.Kind.STATE, "Demand Active in state " + state);
        }
        if (state == State.WAIT_LICENSE) {
            out.add(new Milestone(Phase.LICENSED, licenseClient == null ? "skipped by the server"
                    : "the server moved on to Demand Active before licensing completed (" + licenseClient.state() + ")"));
        }
        shareId = demand.shareId();
        serverChannelId = demand.pduSource();
        BitmapCapabilitySet serverBitmap = demand.capability(BitmapCapabilitySet.class);
        int width = serverBitmap == null ? settings.desktopWidth() : serverBitmap.desktopWidth();
        int height = serverBitmap == null ? settings.desktopHeight() : serverBitmap.desktopHeight();
        int depth = serverBitmap == null ? settings.colorDepth() : serverBitmap.preferredBitsPerPixel();
        ConfirmActivePdu confirm = new ConfirmActivePdu(userId, shareId, serverChannelId, Bytes.of(SOURCE_DESCRIPTOR),
                ClientCapabilities.of(width, height, depth == 0 ? settings.colorDepth() : depth, settings.keyboardLayout()));
        out.add(sendData(confirm.size(), confirm::encode));
        out.add(shareData(SynchronizePdu.to(serverChannelId)));
        out.add(shareData(ControlPdu.cooperate()));
        out.add(shareData(ControlPdu.requestControl()));
        out.add(shareData(FontListPdu.standard()));
        activation = new ConnectorAction.Activation(shareId, serverChannelId, width, height,
                depth == 0 ? settings.colorDepth() : depth, demand);
        out.add(new Milestone(Phase.CAPABILITIES_EXCHANGED, width + "x" + height + "x" + depth + ", share " + shareId));
        state = State.FINALIZATION;
    }

    private static final byte[] SOURCE_DESCRIPTOR = {'M', 'S', 'T', 'S', 'C', 0};
    private ConnectorAction.Activation activation;

    private void onShareData(ShareData data, List<ConnectorAction> out) {
        if (state == State.FINALIZATION && data instanceof FontMapPdu) {
            state = State.ACTIVE;
            out.add(new Milestone(Phase.ACTIVE, "finalized"));
            out.add(activation);
            return;
        }
        if (state == State.FINALIZATION && (data instanceof SynchronizePdu || data instanceof ControlPdu)) {
            return; // the server's half of the finalization; FontMap closes it
        }
        out.add(new ConnectorAction.ServerShareData(data));
    }

    /** Encodes a share data PDU for the I/O channel (input, refresh rect, suppress output…) in the ACTIVE state. */
    public Send encodeShareData(ShareData data) {
        if (state != State.ACTIVE) {
            throw new RdpException(RdpException.Kind.STATE, "share data can only be sent when ACTIVE, not " + state);
        }
        return shareData(data);
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

    /** The MCS message channel the server granted (MS-RDPBCGR 2.2.1.4.5), or 0 when there is none. */
    public int messageChannelId() {
        return serverData == null || serverData.messageChannel() == null ? 0 : serverData.messageChannel().mcsChannelId();
    }

    /**
     * Wraps a message channel PDU (auto-detect response, MS-RDPBCGR 2.2.14.4) in an MCS Send Data Request on the
     * message channel; the connector must have one ({@link #messageChannelId()} not 0).
     */
    public Send encodeMessageChannel(dev.porthole.rdp.protocol.pdu.rdp.MessageChannelPdu pdu) {
        int channel = messageChannelId();
        if (channel == 0) {
            throw new RdpException(RdpException.Kind.STATE, "the server granted no message channel");
        }
        ByteBuf payload = alloc.buffer(pdu.size());
        try {
            pdu.encode(payload);
            DomainPdu.SendDataRequest sdr = new DomainPdu.SendDataRequest(userId, channel, payload);
            return send(sdr.size(), sdr::encode);
        } finally {
            payload.release();
        }
    }

    /**
     * A server fast-path PDU ready for {@code session.ActiveSession#onFastPath}: decrypted and verified under
     * Standard RDP Security, else as it is. The caller releases the result.
     */
    public ByteBuf plainFastPath(ByteBuf frame) {
        return standard == null ? frame.retainedDuplicate() : standard.unwrapFastPath(frame, alloc);
    }

    /** A client fast-path input PDU for the wire: encrypted and signed under Standard RDP Security. */
    public Send encodeFastPathInput(dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputPdu pdu) {
        Send plain = send(pdu.size(), pdu::encode);
        if (standard == null) {
            return plain;
        }
        try {
            return new Send(standard.encodeFastPathInput(plain.data(), alloc));
        } finally {
            plain.data().release();
        }
    }

    /** Negotiation flags from RDP_NEG_RSP (for example DYNVC_GFX_PROTOCOL_SUPPORTED). */
    public int negotiationFlags() {
        return negotiationFlags;
    }
}
