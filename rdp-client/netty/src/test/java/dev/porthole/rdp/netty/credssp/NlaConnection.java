package dev.porthole.rdp.netty.credssp;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.framing.TpktFrameDecoder;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.netty.tls.TlsUpgrade;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.credssp.CredSspClient;
import dev.porthole.rdp.protocol.credssp.EarlyUserAuthorizationResult;
import dev.porthole.rdp.protocol.credssp.TsRequest;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionConfirm;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionRequest;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationFailure;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * Test-only driver for the first three phases of an RDP connection: X.224 negotiation, TLS, then
 * CredSSP driven by the sans-I/O {@link CredSspClient} (MS-RDPBCGR 1.3.1.1, 5.4.5.2). The event
 * loop only moves bytes: it queues whole TSRequests (framed with {@link TsRequest#peekLength}) or
 * the 4-byte Early User Authorization Result for the test thread, which runs the client.
 */
final class NlaConnection implements AutoCloseable {

    private static final Object CLOSED = new Object();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final LinkedBlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
    private final CompletableFuture<NegotiationResponse> negotiated = new CompletableFuture<>();
    private final CompletableFuture<X509Certificate> tls = new CompletableFuture<>();
    private final Duration timeout;
    private volatile CredSspClient.Expect expect = CredSspClient.Expect.TS_REQUEST;
    private Channel channel;

    NlaConnection(Duration timeout) {
        this.timeout = timeout;
    }

    /** X.224 with {@code requestedProtocols}, then TLS verified by {@code trust}; returns the selected protocol. */
    int connect(String host, int port, int requestedProtocols, CertificateTrust trust) throws Exception {
        SslContext ssl = TlsUpgrade.clientContext(trust);
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tpkt", new TpktFrameDecoder());
                        ch.pipeline().addLast("x224", new X224(host, port, requestedProtocols, ssl));
                    }
                })
                .connect(new InetSocketAddress(host, port)).sync().channel();
        NegotiationResponse response = negotiated.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        tls.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return response.selectedProtocol();
    }

    X509Certificate serverCertificate() throws Exception {
        return tls.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs CredSSP to the end. Returns normally when the client is done; throws the client's
     * {@link RdpException} or, when the server closes the connection first, the client's verdict on that.
     */
    void runCredSsp(CredSspClient client) throws Exception {
        write(client.start());
        while (true) {
            Object message = inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new RdpException(RdpException.Kind.TIMEOUT, "no CredSSP message within " + timeout.toMillis() + " ms in state " + client.state());
            }
            if (message == CLOSED) {
                throw client.onTransportClosed();
            }
            if (message instanceof Throwable t) {
                throw t instanceof Exception e ? e : new RuntimeException(t);
            }
            CredSspClient.Step step = client.onServerMessage((byte[]) message);
            expect = step.expect();
            if (step.send() != null) {
                write(step.send());
            }
            if (step.done()) {
                return;
            }
        }
    }

    /** True when the server closes the connection within {@code wait} (messages that arrive meanwhile are kept). */
    boolean closedWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        java.util.List<Object> kept = new java.util.ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Object m = left <= 0 ? null : inbound.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    return !channel.isActive();
                }
                if (m == CLOSED) {
                    return true;
                }
                kept.add(m);
            }
        } finally {
            inbound.addAll(kept);
        }
    }

    private void write(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(2000);
        }
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(5000);
    }

    private final class X224 extends ChannelInboundHandlerAdapter {
        private final String host;
        private final int port;
        private final int requested;
        private final SslContext ssl;

        X224(String host, int port, int requested, SslContext ssl) {
            this.host = host;
            this.port = port;
            this.requested = requested;
            this.ssl = ssl;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ConnectionRequest cr = ConnectionRequest.withCookie("porthole", requested);
            ByteBuf out = ctx.alloc().buffer(cr.size());
            cr.encode(out);
            ctx.writeAndFlush(out);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                ConnectionConfirm cc = ConnectionConfirm.decode(frame);
                switch (cc.outcome()) {
                    case NegotiationResponse r -> {
                        negotiated.complete(r);
                        ctx.pipeline().remove("tpkt");
                        SslHandler handler = ssl.newHandler(ctx.alloc(), host, port);
                        ctx.pipeline().addFirst("tls", handler);
                        ctx.pipeline().replace(this, "credssp", new CredSspFraming());
                        handler.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                tls.complete((X509Certificate) handler.engine().getSession().getPeerCertificates()[0]);
                            } else {
                                tls.completeExceptionally(TlsUpgrade.failure(host + ":" + port, f.cause()));
                            }
                        });
                    }
                    case NegotiationFailure f -> negotiated.completeExceptionally(
                            new RdpException(RdpException.Kind.NEGOTIATION, "refused: " + f.reason()));
                    case null, default -> negotiated.completeExceptionally(
                            new RdpException(RdpException.Kind.UNSUPPORTED, "no RDP_NEG_RSP"));
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            negotiated.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Cuts the decrypted stream into TSRequests, or the 4-byte authorization result when that is expected. */
    private final class CredSspFraming extends ChannelInboundHandlerAdapter {
        private ByteBuf cumulation = Unpooled.buffer();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                cumulation.writeBytes(in);
            } finally {
                in.release();
            }
            try {
                while (cumulation.isReadable()) {
                    int length = expect == CredSspClient.Expect.EARLY_USER_AUTHORIZATION_RESULT
                            ? EarlyUserAuthorizationResult.SIZE : TsRequest.peekLength(cumulation);
                    if (length < 0 || cumulation.readableBytes() < length) {
                        break;
                    }
                    byte[] message = new byte[length];
                    cumulation.readBytes(message);
                    inbound.add(message);
                }
                cumulation.discardReadBytes();
            } catch (RuntimeException e) {
                inbound.add(e);
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inbound.add(CLOSED);
            cumulation.release();
            cumulation = Unpooled.EMPTY_BUFFER;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!tls.isDone()) {
                tls.completeExceptionally(cause);
            }
            inbound.add(cause);
            ctx.close();
        }
    }
}
