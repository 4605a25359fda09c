package dev.porthole.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.porthole.agent.cli.codec.CapturedPayload;
import dev.porthole.agent.cli.codec.DecodedImage;
import dev.porthole.rdp.protocol.RdpException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole codec}: tools for captured RDP payloads. {@code porthole codec decode} decodes one
 * captured bitmap stream (interleaved RLE or RDP 6.0 planar) to a PNG or raw XRGB8888 file, or one
 * bulk-compressed payload (MPPC, NCRUSH, XCRUSH) to its raw bytes: a debugging tool for captured
 * sessions, running the same decoders as the session.
 */
@Command(name = "codec", mixinStandardHelpOptions = true, description = "Tools for captured RDP payloads.",
        subcommands = {CodecCommand.Decode.class, CommandLine.HelpCommand.class})
final class CodecCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code porthole codec decode}. */
    @Command(name = "decode", sortOptions = false, mixinStandardHelpOptions = true,
            description = {
                "Decode one captured payload with Porthole's decoders.",
                "Bitmap codecs (interleaved, planar) need --width and --height (interleaved also --bpp) and write a PNG, "
                        + "or with a .raw output XRGB8888 pixels (4 bytes each: blue, green, red, then 0xFF or the planar alpha; top row first).",
                "Bulk codecs (mppc, ncrush, xcrush) write the decompressed bytes (.raw or any name but .png)."})
    static final class Decode implements Callable<Integer> {

        @Option(names = "--codec", required = true, paramLabel = "CODEC",
                description = "interleaved, planar, mppc, ncrush or xcrush.")
        String codec;

        @Option(names = "--width", paramLabel = "W", description = "Bitmap width in pixels (bitmap codecs).")
        Integer width;

        @Option(names = "--height", paramLabel = "H", description = "Bitmap height in pixels (bitmap codecs).")
        Integer height;

        @Option(names = "--bpp", paramLabel = "B", description = "Interleaved: 15, 16 or 24 bits per pixel. Planar: 32 if given.")
        Integer bpp;

        @Option(names = "--flags", paramLabel = "F",
                description = {
                    "Bitmap codecs: the TS_BITMAP_DATA flags (MS-RDPBCGR 2.2.9.1.1.3.1.2.2; default 0x0401 = BITMAP_COMPRESSION | "
                            + "NO_BITMAP_COMPRESSION_HDR; without 0x0400 the payload starts with an 8-byte TS_CD_HEADER).",
                    "Bulk codecs: the compression flags byte (MS-RDPBCGR 3.1.8; type in bits 0-3: 0 MPPC 8K, 1 MPPC 64K, 2 NCRUSH, "
                            + "3 XCRUSH; 0x20 compressed, 0x40 at front, 0x80 flushed; default 0x20 with the codec's type, "
                            + "MPPC 64K for mppc)."})
        String flags;

        @Option(names = "--top-down",
                description = "Planar only: the first scan line is the top row (RDPGFX); by default it is the bottom row (bitmap updates).")
        boolean topDown;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The captured payload.")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write: FILE.png or FILE.raw.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CapturedPayload.Codec kind = CapturedPayload.Codec.parse(codec)
                    .orElseThrow(() -> usage("--codec must be interleaved, planar, mppc, ncrush or xcrush, not '" + codec + "'"));
            Integer parsedFlags = flags == null ? null : parseFlags(flags);
            String outName = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean png = outName.endsWith(".png");
            if (kind.bitmap()) {
                if (width == null || height == null) {
                    throw usage("--codec " + kind.label() + " needs --width and --height");
                }
                if (!png && !outName.endsWith(".raw")) {
                    throw usage("--out must end in .png or .raw for a bitmap codec, not '" + out + "'");
                }
            } else {
                if (width != null || height != null || bpp != null || topDown) {
                    throw usage("--width, --height, --bpp and --top-down are for the bitmap codecs, not " + kind.label());
                }
                if (png) {
                    throw usage("--codec " + kind.label() + " decompresses to bytes, not an image: use an --out that does not end in .png");
                }
            }
            byte[] payload = readInput();
            CapturedPayload request;
            try {
                request = new CapturedPayload(kind, width == null ? 0 : width, height == null ? 0 : height, bpp, parsedFlags, topDown);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            PrintWriter stdout = spec.commandLine().getOut();
            try {
                if (kind.bitmap()) {
                    DecodedImage image = request.decodeBitmap(payload);
                    byte[] encoded = png ? image.png() : image.xrgb();
                    write(encoded);
                    stdout.printf("decoded %s %dx%d (%s, %d bytes) to %s%n", kind.label(), image.width(), image.height(),
                            request.describe(), payload.length, out);
                } else {
                    byte[] bytes = request.decompress(payload);
                    write(bytes);
                    stdout.printf("decompressed %d bytes to %d bytes (%s) to %s%n", payload.length, bytes.length, request.describe(), out);
                }
            } catch (RdpException e) {
                throw new CodecFailure("cannot decode " + in + " as " + kind.label() + ": " + e.getMessage(), e);
            }
            stdout.flush();
            return 0;
        }

        private byte[] readInput() {
            if (Files.isDirectory(in)) {
                throw usage("--in " + in + " is a directory, not a captured payload file");
            }
            try {
                return Files.readAllBytes(in);
            } catch (NoSuchFileException e) {
                throw usage("--in " + in + ": no such file");
            } catch (AccessDeniedException e) {
                throw new CodecFailure("cannot read " + in + ": permission denied", e);
            } catch (IOException e) {
                throw new CodecFailure("cannot read " + in + ": " + e.getMessage(), e);
            }
        }

        private void write(byte[] bytes) {
            try {
                Files.write(out, bytes);
            } catch (NoSuchFileException e) {
                throw new CodecFailure("cannot write " + out + ": its directory does not exist", e);
            } catch (IOException e) {
                throw new CodecFailure("cannot write " + out + ": " + e.getMessage(), e);
            }
        }

        private int parseFlags(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            try {
                int v = t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
                if (v < 0 || v > 0xFFFF) {
                    throw usage("--flags " + text + " is outside 0..0xFFFF");
                }
                return v;
            } catch (NumberFormatException e) {
                throw usage("--flags must be a number such as 0x61 or 97, not '" + text + "'");
            }
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    /** A failure to read, decode or write; its message is the whole story (the CLI prints it after "porthole: "). */
    static final class CodecFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CodecFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
