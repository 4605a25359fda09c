package dev.porthole.rdp.netty.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import dev.porthole.rdp.protocol.pdu.gcc.ConferenceCreateResponse;
import dev.porthole.rdp.protocol.pdu.gcc.ServerCoreData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerNetworkData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerSecurityData;
import dev.porthole.rdp.protocol.pdu.license.LicenseErrorMessage;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectResponse;
import dev.porthole.rdp.protocol.pdu.mcs.DomainParameters;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.ClientInfoPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ServerRedirectionPacket;
import dev.porthole.rdp.protocol.pdu.rdp.ServerRedirectionPdu;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionConfirm;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionRequest;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationResponse;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.testbed.Loopback;
import dev.porthole.testbed.TlsMaterial;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A scripted connection broker on loopback for the Server Redirection follow path (xrdp and FreeRDP cannot
 * redirect). A connection without a routing token gets the server side of the connection sequence, built
 * from the protocol module's encoders, up to licensing (X.224 Connection Confirm selecting TLS, the TLS
 * handshake with its own certificate, MCS Connect Response, Attach User Confirm, a valid-client license),
 * then an Enhanced Security Server Redirection PDU (MS-RDPBCGR 2.2.13.3.1) built from {@code redirect}. A
 * connection whose X.224 Connection Request carries a routing token is forwarded, as brokers do (1.3.8),
 * to 127.0.0.1:{@code targetPort} — the token consumed, the rest of the stream passed on unchanged.
 */
final class FakeBroker implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext tls;
    private final int targetPort;
    private final ServerRedirectionPacket redirect;
    final TlsMaterial.Issued certificate = TlsMaterial.selfSignedServer("porthole-fake-broker", List.of("localhost"),
            List.of(Loopback.HOST));
    /** The routing token (or "none") of every Connection Request received, in order. */
    final List<String> routingTokens = new CopyOnWriteArrayList<>();
    /** User names of the Client Info PDUs the broker read. */
    final List<String> clientInfoUsers = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    FakeBroker(int targetPort, ServerRedirectionPacket redirect) throws Exception {
        this.targetPort = targetPort;
        this.redirect = redirect;
        char[] pw = "changeit".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(certificate.keyStore(pw), pw);
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket();
        server.bind(new InetSocketAddress(Loopback.address(), 0));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> {
                    try {
                        handle(s);
                    } catch (Exception e) {
                        if (!server.isClosed()) {
                            errors.add(e);
                        }
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private static byte[] readTpkt(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] head = new byte[4];
        d.readFully(head);
        int length = ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        byte[] all = new byte[length];
        System.arraycopy(head, 0, all, 0, 4);
        d.readFully(all, 4, length - 4);
        return all;
    }

    private static byte[] encode(Consumer<ByteBuf> encoder) {
        ByteBuf b = Unpooled.buffer();
        try {
            encoder.accept(b);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    private static <T> T decode(byte[] bytes, java.util.function.Function<ByteBuf, T> decoder) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        try {
            return decoder.apply(b);
        } finally {
            b.release();
        }
    }

    private void handle(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        ConnectionRequest cr = decode(readTpkt(in), ConnectionRequest::decode);
        routingTokens.add(cr.routingToken() == null ? "none" : cr.routingToken());
        if (cr.routingToken() != null) {
            forward(socket, new ConnectionRequest(null, null, cr.negotiation(), cr.correlationInfo()));
            return;
        }
        OutputStream out = socket.getOutputStream();
        out.write(encode(new ConnectionConfirm(0, new NegotiationResponse(0, SecurityProtocols.PROTOCOL_SSL))::encode));
        out.flush();
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, Loopback.HOST, socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        InputStream sin = ssl.getInputStream();
        OutputStream sout = ssl.getOutputStream();
        readTpkt(sin); // MCS Connect Initial
        ServerData data = new ServerData(new ServerCoreData(0x00080004, SecurityProtocols.PROTOCOL_SSL,
                ServerCoreData.RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED, 2),
                new ServerSecurityData(0, 0, new byte[0], new byte[0]), new ServerNetworkData(1003, List.of()), null);
        sout.write(encode(new ConnectResponse(0, 0, DomainParameters.TARGET, new ConferenceCreateResponse(31219, 1, data))::encode));
        sout.flush();
        readTpkt(sin); // Erect Domain Request
        readTpkt(sin); // Attach User Request
        sout.write(encode(new DomainPdu.AttachUserConfirm(0, 1007)::encode));
        sout.flush();
        byte[] info = readTpkt(sin);
        clientInfoUsers.add(decode(info, b -> decodeUserName((DomainPdu.SendDataRequest) DomainPdu.decode(b))));
        sout.write(sendData(encode(new LicensePdu(0x83, LicenseErrorMessage.VALID_CLIENT)::encodeSecured)));
        byte[] packet = encode(redirect::encode);
        byte[] body = new byte[2 + packet.length + 1]; // pad2Octets, the packet, pad1Octet
        System.arraycopy(packet, 0, body, 2, packet.length);
        sout.write(sendData(encode(new ServerRedirectionPdu(1002, Bytes.of(body))::encode)));
        sout.flush();
        // 3.2.5.13.1: the client ends the connection
        while (sin.read() >= 0) {
            // drain until the client closes
        }
        ssl.close();
    }

    private static String decodeUserName(DomainPdu.SendDataRequest sdr) {
        return ClientInfoPdu.decode(sdr.userData()).info().userName();
    }

    private static byte[] sendData(byte[] userData) {
        return encode(out -> {
            ByteBuf data = Unpooled.wrappedBuffer(userData);
            new DomainPdu.SendDataIndication(1002, 1003, data).encode(out);
            data.release();
        });
    }

    private void forward(Socket client, ConnectionRequest stripped) throws IOException {
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(Loopback.address(), targetPort), 5000);
        upstream.getOutputStream().write(encode(stripped::encode));
        upstream.getOutputStream().flush();
        Thread.ofVirtual().start(() -> pipe(client, upstream));
        pipe(upstream, client);
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // one side went away
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
