package com.example.porthole.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import dev.porthole.plugin.api.ChannelCallback;
import dev.porthole.plugin.api.ChannelManager;
import dev.porthole.plugin.api.Plugin;

/**
 * A "media offload" style plugin: the server application sends raw video frames, the plugin does the
 * pixel work on the device and answers with the result, so the server never has to.
 *
 * <p>Protocol on {@code ExampleMediaOffload} (big-endian; every request gets exactly one response):
 * <pre>
 * request  = op:u8 requestId:u32 payload
 *   op 1 DOWNSCALE_LUMA payload = width:u16 height:u16 rgb24[width*height*3]
 *        response = 1 requestId width/2:u16 height/2:u16 luma[(width/2)*(height/2)] crc32(rgb):u32
 *   op 2 STATS          payload = (empty)
 *        response = 2 requestId frames:u64 bytesIn:u64      (kept across restarts in the state directory)
 * error    = 0xFF requestId utf8-message
 * </pre>
 */
public final class MediaOffloadPlugin implements Plugin {

    /** The DVC name; the manifest must declare it. */
    public static final String CHANNEL = "ExampleMediaOffload";
    public static final int OP_DOWNSCALE_LUMA = 1;
    public static final int OP_STATS = 2;
    public static final int OP_ERROR = 0xFF;
    /** The plugin's working directory is its one writable state directory. */
    private static final Path STATS = Path.of("stats.txt");

    private long frames;
    private long bytesIn;

    @Override
    public void initialize(ChannelManager manager) {
        loadStats();
        manager.createListener(CHANNEL, channel -> new ChannelCallback() {
            @Override
            public void onDataReceived(byte[] message) {
                channel.write(handle(message));
                if (frames % 100 == 0) {
                    saveStats();
                }
            }
        });
        System.out.println("media-offload: ready, " + frames + " frames processed so far");
    }

    /** Handles one request (public for unit tests of the transform). */
    public byte[] handle(byte[] request) {
        ByteBuffer in = ByteBuffer.wrap(request);
        if (in.remaining() < 5) {
            return error(0, "request of " + request.length + " bytes is shorter than its 5-byte header");
        }
        int op = in.get() & 0xFF;
        int id = in.getInt();
        bytesIn += request.length;
        return switch (op) {
            case OP_DOWNSCALE_LUMA -> downscale(id, in);
            case OP_STATS -> ByteBuffer.allocate(21).put((byte) OP_STATS).putInt(id).putLong(frames).putLong(bytesIn).array();
            default -> error(id, "unknown op " + op);
        };
    }

    private byte[] downscale(int id, ByteBuffer in) {
        if (in.remaining() < 4) {
            return error(id, "missing width/height");
        }
        int w = in.getShort() & 0xFFFF;
        int h = in.getShort() & 0xFFFF;
        if (w < 2 || h < 2 || in.remaining() != w * h * 3) {
            return error(id, "frame " + w + "x" + h + " needs " + (w * h * 3) + " bytes of RGB, has " + in.remaining());
        }
        int pos = in.position();
        byte[] px = in.array();
        int ow = w / 2;
        int oh = h / 2;
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 4 + ow * oh + 4);
        out.put((byte) OP_DOWNSCALE_LUMA).putInt(id).putShort((short) ow).putShort((short) oh);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sum = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int i = pos + (((2 * y + dy) * w) + 2 * x + dx) * 3;
                        int r = px[i] & 0xFF;
                        int g = px[i + 1] & 0xFF;
                        int b = px[i + 2] & 0xFF;
                        sum += (77 * r + 150 * g + 29 * b) >> 8; // BT.601 luma, integer
                    }
                }
                out.put((byte) (sum / 4));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(px, pos, w * h * 3);
        out.putInt((int) crc.getValue());
        frames++;
        return out.array();
    }

    private static byte[] error(int id, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + text.length).put((byte) OP_ERROR).putInt(id).put(text).array();
    }

    private void loadStats() {
        try {
            if (Files.exists(STATS)) {
                String[] parts = Files.readString(STATS).strip().split(" ");
                frames = Long.parseLong(parts[0]);
                bytesIn = Long.parseLong(parts[1]);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("media-offload: ignoring unreadable " + STATS + ": " + e);
        }
    }

    private void saveStats() {
        try {
            Path tmp = Path.of("stats.txt.tmp");
            Files.writeString(tmp, frames + " " + bytesIn + "\n");
            Files.move(tmp, STATS, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("media-offload: cannot save stats: " + e);
        }
    }

    @Override
    public void terminated() {
        saveStats();
    }
}
