package dev.porthole.plugin.sandbox.ipc;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * The messages between the plugin host and a plugin process, one per IPC frame. A frame is a
 * big-endian {@code u32 length} (of what follows), a {@code u8 type}, then the body described on each
 * record. Strings are {@code u16 length} + UTF-8; channel ids are {@code u32}. No Java serialisation.
 *
 * <pre>
 * plugin → host: HELLO, INITIALIZED, CREATE_LISTENER, CLOSE_LISTENER, ACCEPT, REJECT, DATA, CLOSE, CREDIT, LOG, PONG, DENIED
 * host → plugin: INITIALIZE, CONNECTED, DISCONNECTED, TERMINATE, NEW_CHANNEL, DATA, CLOSE, CREDIT, PING
 * </pre>
 */
public sealed interface IpcMessage {

    /** The protocol version sent in HELLO. */
    int VERSION = 1;

    /** Longest string field (bytes). */
    int MAX_STRING = 16 * 1024;

    /** Most channel names in INITIALIZE. */
    int MAX_NAMES = 64;

    byte TYPE_HELLO = 1;
    byte TYPE_INITIALIZE = 2;
    byte TYPE_INITIALIZED = 3;
    byte TYPE_CREATE_LISTENER = 4;
    byte TYPE_CLOSE_LISTENER = 5;
    byte TYPE_CONNECTED = 6;
    byte TYPE_DISCONNECTED = 7;
    byte TYPE_TERMINATE = 8;
    byte TYPE_NEW_CHANNEL = 9;
    byte TYPE_ACCEPT = 10;
    byte TYPE_REJECT = 11;
    byte TYPE_DATA = 12;
    byte TYPE_CLOSE = 13;
    byte TYPE_CREDIT = 14;
    byte TYPE_LOG = 15;
    byte TYPE_PING = 16;
    byte TYPE_PONG = 17;
    byte TYPE_DENIED = 18;

    /** The frame type byte. */
    byte type();

    /** Body size in bytes (without the length and type). */
    int bodySize();

    /** Writes the body. */
    void encodeBody(ByteBuffer out);

    /** The whole frame: length, type, body. */
    default byte[] toFrame() {
        int body = bodySize();
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + body);
        b.putInt(1 + body);
        b.put(type());
        encodeBody(b);
        if (b.hasRemaining()) {
            throw new IllegalStateException(getClass().getSimpleName() + " encoded " + b.position() + " bytes, expected " + b.capacity());
        }
        return b.array();
    }

    /**
     * Decodes one frame's content (type byte + body, without the length prefix). Every byte must be
     * used.
     *
     * @throws SandboxException MALFORMED naming the message and field
     */
    static IpcMessage decode(ByteBuffer frame) {
        if (!frame.hasRemaining()) {
            throw SandboxException.malformed("IPC frame", "type", "empty frame");
        }
        byte type = frame.get();
        IpcMessage m;
        try {
            m = switch (type) {
                case TYPE_HELLO -> new Hello(frame.getShort() & 0xFFFF, bytes(frame, 16, "HELLO", "token"));
                case TYPE_INITIALIZE -> new Initialize(string(frame, "INITIALIZE", "pluginId"), names(frame),
                        frame.getInt(), frame.getInt());
                case TYPE_INITIALIZED -> {
                    boolean ok = bool(frame, "INITIALIZED", "ok");
                    yield new Initialized(ok, string(frame, "INITIALIZED", "error"));
                }
                case TYPE_CREATE_LISTENER -> new CreateListener(string(frame, "CREATE_LISTENER", "name"));
                case TYPE_CLOSE_LISTENER -> new CloseListener(string(frame, "CLOSE_LISTENER", "name"));
                case TYPE_CONNECTED -> new Connected();
                case TYPE_DISCONNECTED -> new Disconnected(frame.getInt());
                case TYPE_TERMINATE -> new Terminate();
                case TYPE_NEW_CHANNEL -> new NewChannel(u32(frame), string(frame, "NEW_CHANNEL", "name"));
                case TYPE_ACCEPT -> new Accept(u32(frame));
                case TYPE_REJECT -> new Reject(u32(frame));
                case TYPE_DATA -> {
                    long id = u32(frame);
                    byte[] payload = new byte[frame.remaining()];
                    frame.get(payload);
                    yield new Data(id, payload);
                }
                case TYPE_CLOSE -> new Close(u32(frame));
                case TYPE_CREDIT -> new Credit(u32(frame), frame.getInt());
                case TYPE_LOG -> {
                    int level = frame.get();
                    yield new Log(level, string(frame, "LOG", "text"));
                }
                case TYPE_PING -> new Ping(frame.getLong());
                case TYPE_PONG -> new Pong(frame.getLong(), frame.getLong());
                case TYPE_DENIED -> new Denied(frame.getInt(), string(frame, "DENIED", "syscall"));
                default -> throw SandboxException.malformed("IPC frame", "type", "unknown type " + type);
            };
        } catch (BufferUnderflowException e) {
            throw SandboxException.malformed("IPC frame", "body", "truncated message of type " + type);
        } catch (IllegalArgumentException e) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, "IPC frame of type " + type + ": " + e.getMessage(), e);
        }
        if (frame.hasRemaining()) {
            throw SandboxException.malformed("IPC frame", "body", frame.remaining() + " trailing bytes after "
                    + m.getClass().getSimpleName());
        }
        return m;
    }

    // ---- messages ----

    /** Plugin → host, first frame: {@code u16 version, 16-byte token}. */
    record Hello(int version, byte[] token) implements IpcMessage {
        public Hello {
            if (token.length != 16) {
                throw new IllegalArgumentException("HELLO.token must have 16 bytes, has " + token.length);
            }
            token = token.clone();
        }

        @Override
        public byte[] token() {
            return token.clone();
        }

        public byte type() { return TYPE_HELLO; }
        public int bodySize() { return 2 + 16; }
        public void encodeBody(ByteBuffer out) { out.putShort((short) version).put(token); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hello h && h.version == version && Arrays.equals(h.token, token);
        }

        @Override
        public int hashCode() {
            return version * 31 + Arrays.hashCode(token);
        }

        @Override
        public String toString() {
            return "Hello[version=" + version + ", token=<16 bytes>]";
        }
    }

    /**
     * Host → plugin: start. {@code string pluginId, u16 n, n × string channel, i32 maxMessageSize,
     * i32 initialCredit} (the credit the plugin starts with on every channel, in bytes).
     */
    record Initialize(String pluginId, List<String> channels, int maxMessageSize, int initialCredit) implements IpcMessage {
        public Initialize {
            checkString(pluginId, "INITIALIZE.pluginId");
            channels = List.copyOf(channels);
            if (channels.size() > MAX_NAMES) {
                throw new IllegalArgumentException("INITIALIZE.channels: " + channels.size() + " names exceed " + MAX_NAMES);
            }
            channels.forEach(c -> checkString(c, "INITIALIZE.channels"));
            if (maxMessageSize < 1 || initialCredit < 1) {
                throw new IllegalArgumentException("INITIALIZE: maxMessageSize " + maxMessageSize + " and initialCredit "
                        + initialCredit + " must be positive");
            }
        }

        public byte type() { return TYPE_INITIALIZE; }

        public int bodySize() {
            return stringSize(pluginId) + 2 + channels.stream().mapToInt(IpcMessage::stringSize).sum() + 8;
        }

        public void encodeBody(ByteBuffer out) {
            putString(out, pluginId);
            out.putShort((short) channels.size());
            channels.forEach(c -> putString(out, c));
            out.putInt(maxMessageSize).putInt(initialCredit);
        }
    }

    /** Plugin → host: {@code Plugin.initialize} returned ({@code u8 ok}) or threw ({@code string error}). */
    record Initialized(boolean ok, String error) implements IpcMessage {
        public Initialized {
            checkString(error, "INITIALIZED.error");
        }

        public byte type() { return TYPE_INITIALIZED; }
        public int bodySize() { return 1 + stringSize(error); }
        public void encodeBody(ByteBuffer out) { out.put((byte) (ok ? 1 : 0)); putString(out, error); }
    }

    /** Plugin → host: listen on {@code string name}. */
    record CreateListener(String name) implements IpcMessage {
        public CreateListener { checkString(name, "CREATE_LISTENER.name"); }
        public byte type() { return TYPE_CREATE_LISTENER; }
        public int bodySize() { return stringSize(name); }
        public void encodeBody(ByteBuffer out) { putString(out, name); }
    }

    /** Plugin → host: stop listening on {@code string name}. */
    record CloseListener(String name) implements IpcMessage {
        public CloseListener { checkString(name, "CLOSE_LISTENER.name"); }
        public byte type() { return TYPE_CLOSE_LISTENER; }
        public int bodySize() { return stringSize(name); }
        public void encodeBody(ByteBuffer out) { putString(out, name); }
    }

    /** Host → plugin: the session is connected. Empty body. */
    record Connected() implements IpcMessage {
        public byte type() { return TYPE_CONNECTED; }
        public int bodySize() { return 0; }
        public void encodeBody(ByteBuffer out) { }
    }

    /** Host → plugin: the session disconnected, {@code i32 reason}. */
    record Disconnected(int reason) implements IpcMessage {
        public byte type() { return TYPE_DISCONNECTED; }
        public int bodySize() { return 4; }
        public void encodeBody(ByteBuffer out) { out.putInt(reason); }
    }

    /** Host → plugin: call {@code terminated()} and exit. Empty body. */
    record Terminate() implements IpcMessage {
        public byte type() { return TYPE_TERMINATE; }
        public int bodySize() { return 0; }
        public void encodeBody(ByteBuffer out) { }
    }

    /** Host → plugin: a server application opened {@code u32 channelId} to listener {@code string name}. */
    record NewChannel(long channelId, String name) implements IpcMessage {
        public NewChannel { checkId(channelId); checkString(name, "NEW_CHANNEL.name"); }
        public byte type() { return TYPE_NEW_CHANNEL; }
        public int bodySize() { return 4 + stringSize(name); }
        public void encodeBody(ByteBuffer out) { out.putInt((int) channelId); putString(out, name); }
    }

    /** Plugin → host: accept {@code u32 channelId}. */
    record Accept(long channelId) implements IpcMessage {
        public Accept { checkId(channelId); }
        public byte type() { return TYPE_ACCEPT; }
        public int bodySize() { return 4; }
        public void encodeBody(ByteBuffer out) { out.putInt((int) channelId); }
    }

    /** Plugin → host: refuse {@code u32 channelId}. */
    record Reject(long channelId) implements IpcMessage {
        public Reject { checkId(channelId); }
        public byte type() { return TYPE_REJECT; }
        public int bodySize() { return 4; }
        public void encodeBody(ByteBuffer out) { out.putInt((int) channelId); }
    }

    /** Both ways: one whole message on {@code u32 channelId}; the payload is the rest of the frame. */
    record Data(long channelId, byte[] payload) implements IpcMessage {
        public Data { checkId(channelId); }
        public byte type() { return TYPE_DATA; }
        public int bodySize() { return 4 + payload.length; }
        public void encodeBody(ByteBuffer out) { out.putInt((int) channelId).put(payload); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.channelId == channelId && Arrays.equals(d.payload, payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(channelId) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Data[channelId=" + channelId + ", " + payload.length + " bytes]";
        }
    }

    /** Both ways: host → plugin "the channel is closed"; plugin → host "close it". {@code u32 channelId}. */
    record Close(long channelId) implements IpcMessage {
        public Close { checkId(channelId); }
        public byte type() { return TYPE_CLOSE; }
        public int bodySize() { return 4; }
        public void encodeBody(ByteBuffer out) { out.putInt((int) channelId); }
    }

    /** Both ways: the sender may send {@code i32 bytes} more on {@code u32 channelId}. */
    record Credit(long channelId, int bytes) implements IpcMessage {
        public Credit {
            checkId(channelId);
            if (bytes <= 0) {
                throw new IllegalArgumentException("CREDIT.bytes must be positive, is " + bytes);
            }
        }

        public byte type() { return TYPE_CREDIT; }
        public int bodySize() { return 8; }
        public void encodeBody(ByteBuffer out) { out.putInt((int) channelId).putInt(bytes); }
    }

    /** Plugin → host: a log line, {@code u8 level} (0 trace … 4 error) and {@code string text}. */
    record Log(int level, String text) implements IpcMessage {
        public Log {
            if (level < 0 || level > 4) {
                throw new IllegalArgumentException("LOG.level " + level + " outside 0..4");
            }
            checkString(text, "LOG.text");
        }

        public byte type() { return TYPE_LOG; }
        public int bodySize() { return 1 + stringSize(text); }
        public void encodeBody(ByteBuffer out) { out.put((byte) level); putString(out, text); }
    }

    /** Host → plugin: heartbeat {@code i64 nonce}. */
    record Ping(long nonce) implements IpcMessage {
        public byte type() { return TYPE_PING; }
        public int bodySize() { return 8; }
        public void encodeBody(ByteBuffer out) { out.putLong(nonce); }
    }

    /**
     * Plugin → host: heartbeat answer {@code i64 nonce, i64 busyMillis} — how long the plugin's current
     * callback has been running (0 when idle).
     */
    record Pong(long nonce, long busyMillis) implements IpcMessage {
        public byte type() { return TYPE_PONG; }
        public int bodySize() { return 16; }
        public void encodeBody(ByteBuffer out) { out.putLong(nonce).putLong(busyMillis); }
    }

    /** Plugin → host: the inner seccomp filter denied {@code i32 nr} ({@code string syscall} name). */
    record Denied(int syscallNumber, String syscall) implements IpcMessage {
        public Denied { checkString(syscall, "DENIED.syscall"); }
        public byte type() { return TYPE_DENIED; }
        public int bodySize() { return 4 + stringSize(syscall); }
        public void encodeBody(ByteBuffer out) { out.putInt(syscallNumber); putString(out, syscall); }
    }

    // ---- field helpers ----

    private static void checkId(long id) {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("channelId " + id + " is not an unsigned 32-bit value");
        }
    }

    private static void checkString(String s, String field) {
        if (s == null) {
            throw new IllegalArgumentException(field + " is null");
        }
        if (s.length() > MAX_STRING || s.getBytes(StandardCharsets.UTF_8).length > MAX_STRING) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_STRING + " bytes");
        }
    }

    private static int stringSize(String s) {
        return 2 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) b.length).put(b);
    }

    private static long u32(ByteBuffer in) {
        return in.getInt() & 0xFFFF_FFFFL;
    }

    private static boolean bool(ByteBuffer in, String msg, String field) {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw SandboxException.malformed(msg, field, "is " + b + ", expected 0 or 1");
        }
        return b == 1;
    }

    private static byte[] bytes(ByteBuffer in, int n, String msg, String field) {
        if (in.remaining() < n) {
            throw SandboxException.malformed(msg, field, "needs " + n + " bytes, " + in.remaining() + " left");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static String string(ByteBuffer in, String msg, String field) {
        int n = in.getShort() & 0xFFFF;
        if (n > MAX_STRING) {
            throw SandboxException.malformed(msg, field, "length " + n + " exceeds " + MAX_STRING);
        }
        if (in.remaining() < n) {
            throw SandboxException.malformed(msg, field, "needs " + n + " bytes, " + in.remaining() + " left");
        }
        ByteBuffer slice = in.slice(in.position(), n);
        in.position(in.position() + n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw SandboxException.malformed(msg, field, "is not valid UTF-8");
        }
    }

    private static List<String> names(ByteBuffer in) {
        int n = in.getShort() & 0xFFFF;
        if (n > MAX_NAMES) {
            throw SandboxException.malformed("INITIALIZE", "channels", n + " names exceed " + MAX_NAMES);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string(in, "INITIALIZE", "channels[" + i + "]"));
        }
        return out;
    }
}
