package dev.porthole.rdp.netty.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.rdp.ShareData;
import dev.porthole.rdp.protocol.session.ClientOutput;
import dev.porthole.rdp.protocol.surface.Rect;
import io.netty.channel.Channel;

/**
 * An RDP connection that stays open after activation; close it when done.
 *
 * <p>The input and display-control methods may be called from any thread: they check and encode on the
 * calling thread (so bad arguments, a session that is not active yet, or a feature the server did not offer
 * fail right there with an {@link RdpException} of kind ARGUMENT, STATE or UNSUPPORTED) and write on the
 * channel's event loop, in call order. Input goes fast-path (MS-RDPBCGR 2.2.8.1.2) when the server offered it,
 * else as slow-path Input Event PDUs (2.2.8.1.1.3); see {@link ClientOutput}.
 */
public final class RdpSession implements AutoCloseable {

    /** TS_SYNC_SCROLL_LOCK, for {@link #sendSynchronize}. */
    public static final int SCROLL_LOCK = 1;
    /** TS_SYNC_NUM_LOCK. */
    public static final int NUM_LOCK = 2;
    /** TS_SYNC_CAPS_LOCK. */
    public static final int CAPS_LOCK = 4;
    /** TS_SYNC_KANA_LOCK. */
    public static final int KANA_LOCK = 8;

    private final CompletableFuture<RdpConnection.Progress> activated;
    private final CompletableFuture<Channel> channel;
    private final ChannelRouter channels;

    RdpSession(CompletableFuture<RdpConnection.Progress> activated, CompletableFuture<Channel> channel, ChannelRouter channels) {
        this.activated = activated;
        this.channel = channel;
        this.channels = channels;
    }

    /**
     * Routes the messages of static virtual channel {@code name} (one of the configuration's static
     * channels) to {@code handler}; may be called before or after activation, from any thread.
     *
     * @return false when the channel already has a handler ("drdynvc" always has: {@link #dynamicChannels()})
     * @throws IllegalArgumentException when the configuration does not request the channel
     */
    public boolean registerStaticChannel(String name, StaticChannelHandler handler) {
        return channels.register(name, handler);
    }

    /** The session's dynamic virtual channels (MS-RDPEDYC over the "drdynvc" static channel). */
    public DynamicChannels dynamicChannels() {
        return channels.dynamicChannels();
    }

    /** Completes when the session is first active; fails with an {@code RdpException}. */
    public CompletableFuture<RdpConnection.Progress> activated() {
        return activated;
    }

    /** A set-1 scancode pressed ({@code down}) or released; {@code extended} adds KBDFLAGS_EXTENDED (the E0 prefix). */
    public void sendKey(int scancode, boolean extended, boolean down) {
        input(o -> o.key(scancode, extended, down));
    }

    /** The Pause key (press and release in one go: E1-prefixed Ctrl, then NumLock; Pause has no release of its own). */
    public void sendPause() {
        input(ClientOutput::pause);
    }

    /** One UTF-16 code unit pressed or released (needs the server's INPUT_FLAG_UNICODE). */
    public void sendUnicode(int utf16CodeUnit, boolean down) {
        input(o -> o.unicode(utf16CodeUnit, down));
    }

    /** The pointer moved to (x, y) on the desktop. */
    public void sendPointerMove(int x, int y) {
        input(o -> o.move(x, y));
    }

    /** Button 1 (left), 2 (right), 3 (middle), 4 or 5 (needs INPUT_FLAG_MOUSEX) pressed or released at (x, y). */
    public void sendPointerButton(int button, boolean down, int x, int y) {
        input(o -> o.button(button, down, x, y));
    }

    /** A wheel rotation: {@code delta} is +/- notches * 120 (positive: up, or right when {@code horizontal}). */
    public void sendWheel(boolean horizontal, int delta, int x, int y) {
        input(o -> o.wheel(horizontal, delta, x, y));
    }

    /** The lock keys' state: {@link #SCROLL_LOCK} | {@link #NUM_LOCK} | {@link #CAPS_LOCK} | {@link #KANA_LOCK}. */
    public void sendSynchronize(int lockFlags) {
        input(o -> o.synchronize(lockFlags));
    }

    /**
     * TS_SUPPRESS_OUTPUT_PDU (MS-RDPBCGR 2.2.11.3): {@code true} asks the server to stop display updates (for
     * example while the screen is blanked); {@code false} allows them again for the whole desktop.
     */
    public void suppressOutput(boolean suppress) {
        shareData(o -> o.suppressOutput(suppress));
    }

    /** TS_REFRESH_RECT_PDU (MS-RDPBCGR 2.2.11.2): asks the server to redraw these areas (1 to 255). */
    public void refreshRect(List<Rect> areas) {
        shareData(o -> o.refreshRect(areas));
    }

    /**
     * Sends all further input as slow-path Input Event PDUs (MS-RDPBCGR 2.2.8.1.1.3) even when the server
     * offers fast-path input, for servers that mishandle it. Returns once the switch is made.
     */
    public void useSlowPathInput() {
        Channel ch = channel();
        SessionLink link = link(ch);
        ch.eventLoop().submit(link::useSlowPathInput).syncUninterruptibly();
    }

    private void input(Function<ClientOutput, ClientOutput.Input> encode) {
        Channel ch = channel();
        SessionLink link = link(ch);
        ClientOutput.Input in = encode.apply(output(link));
        ch.eventLoop().execute(() -> link.write(ch, in));
    }

    private void shareData(Function<ClientOutput, ShareData> encode) {
        Channel ch = channel();
        SessionLink link = link(ch);
        ShareData data = encode.apply(output(link));
        ch.eventLoop().execute(() -> link.write(ch, data));
    }

    private Channel channel() {
        Channel ch = channel.getNow(null);
        if (ch == null || !ch.isActive()) {
            throw new RdpException(RdpException.Kind.STATE, "the RDP connection is not open");
        }
        return ch;
    }

    private static SessionLink link(Channel ch) {
        SessionLink link = ch.pipeline().get(SessionLink.class);
        if (link == null) {
            throw new RdpException(RdpException.Kind.STATE, "the RDP connection has no session driver");
        }
        return link;
    }

    private static ClientOutput output(SessionLink link) {
        ClientOutput output = link.output();
        if (output == null) {
            throw new RdpException(RdpException.Kind.STATE, "the RDP session is not active (yet, or during a reactivation)");
        }
        return output;
    }

    /** Closes the connection (idempotent). */
    @Override
    public void close() {
        channel.thenAccept(Channel::close);
    }
}
