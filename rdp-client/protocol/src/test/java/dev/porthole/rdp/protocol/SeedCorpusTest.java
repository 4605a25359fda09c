package dev.porthole.rdp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.porthole.rdp.protocol.pdu.capability.CapabilitySet;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathFraming;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputPdu;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathUpdatePdu;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.rdp.ClientInfoPdu;
import dev.porthole.rdp.protocol.pdu.rdp.GraphicsUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.MessageChannelPdu;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.ShareControlPdu;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The saved fuzz seeds of the PDU packages are meant to start the fuzzer inside the decoders: every seed
 * whose name does not say it must be refused decodes completely, and every "refused" one fails with an
 * RdpException. A corpus of seeds that all die in the first length check would be worth little.
 */
class SeedCorpusTest {

    static final List<String> REFUSED = List.of("refused", "bad", "zero-length", "over-cap", "without", "inside", "encrypted");

    static final Map<String, Consumer<ByteBuf>> DECODERS = Map.ofEntries(
            Map.entry("SlowPathFuzzTestInputs/shareControl", ShareControlPdu::decode),
            Map.entry("SlowPathFuzzTestInputs/shareControlSequence", ShareControlPdu::decodeAll),
            Map.entry("SlowPathFuzzTestInputs/clientInfo", ClientInfoPdu::decode),
            Map.entry("SlowPathFuzzTestInputs/messageChannel", MessageChannelPdu::decode),
            Map.entry("SlowPathFuzzTestInputs/slowPathGraphicsUpdate", GraphicsUpdate::decodeSlowPath),
            Map.entry("SlowPathFuzzTestInputs/outputUpdate", in -> OutputUpdate.decodeFastPath(in.readUnsignedByte() & 0x0F, in)),
            Map.entry("CapabilitySetFuzzTestInputs/capabilitySets", in -> CapabilitySet.decodeAll(in, in.readUnsignedByte(), "seed")),
            Map.entry("LicenseFuzzTestInputs/licensePdu", LicensePdu::decode),
            Map.entry("LicenseFuzzTestInputs/securedLicensePdu", LicensePdu::decodeSecured),
            Map.entry("FastPathFuzzTestInputs/updatePdu", FastPathUpdatePdu::decode),
            Map.entry("FastPathFuzzTestInputs/inputPdu", FastPathInputPdu::decode),
            Map.entry("FastPathFuzzTestInputs/framing", in -> {
                if (FastPathFraming.peekLength(in) < 0) {
                    throw new RdpException(RdpException.Kind.MALFORMED, "incomplete");
                }
                in.skipBytes(in.readableBytes());
            }));

    /** "ClassInputs/method" of a seed file. */
    static String key(Path seed) {
        return seed.getParent().getParent().getFileName() + "/" + seed.getParent().getFileName();
    }

    static Stream<Path> seeds() throws URISyntaxException, IOException {
        Path root = Path.of(SeedCorpusTest.class.getResource("/dev/porthole/rdp/protocol/pdu").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> DECODERS.containsKey(key(p)))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seedsDecodeOrAreRefusedAsNamed(Path seed) throws IOException {
        String key = key(seed);
        boolean refused = REFUSED.stream().anyMatch(w -> seed.getFileName().toString().contains(w));
        byte[] bytes = Files.readAllBytes(seed);
        if (refused) {
            try {
                Decoding.decode(bytes, in -> {
                    DECODERS.get(key).accept(in);
                    return null;
                });
                org.junit.jupiter.api.Assertions.fail(seed + " decoded but its name says it must be refused");
            } catch (RdpException expected) {
                // as named
            }
        } else {
            Decoding.decode(bytes, in -> {
                DECODERS.get(key).accept(in);
                assertThat(in.readableBytes()).as(seed + ": bytes left").isZero();
                return null;
            });
        }
        assertThat(bytes).isNotEmpty();
    }
}
