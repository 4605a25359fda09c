package dev.porthole.plugin.sandbox.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import dev.porthole.plugin.sandbox.SandboxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Every IPC message round-trips through a frame; bad frames fail naming what is wrong. */
class IpcMessageTest {

    @Provide
    Arbitrary<IpcMessage> messages() {
        Arbitrary<Long> id = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<String> s = Arbitraries.strings().ofMaxLength(300);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        return Arbitraries.oneOf(List.of(
                Arbitraries.bytes().array(byte[].class).ofSize(16).map(t -> new IpcMessage.Hello(1, t)),
                Combinators.combine(s, s.list().ofMaxSize(5), Arbitraries.integers().between(1, 1 << 30),
                        Arbitraries.integers().between(1, 1 << 30)).as(IpcMessage.Initialize::new),
                Combinators.combine(Arbitraries.of(true, false), s).as(IpcMessage.Initialized::new),
                s.map(IpcMessage.CreateListener::new), s.map(IpcMessage.CloseListener::new),
                Arbitraries.just(new IpcMessage.Connected()), Arbitraries.integers().map(IpcMessage.Disconnected::new),
                Arbitraries.just(new IpcMessage.Terminate()),
                Combinators.combine(id, s).as(IpcMessage.NewChannel::new), id.map(IpcMessage.Accept::new), id.map(IpcMessage.Reject::new),
                Combinators.combine(id, bytes).as(IpcMessage.Data::new), id.map(IpcMessage.Close::new),
                Combinators.combine(id, Arbitraries.integers().between(1, Integer.MAX_VALUE)).as(IpcMessage.Credit::new),
                Combinators.combine(Arbitraries.integers().between(0, 4), s).as(IpcMessage.Log::new),
                Arbitraries.longs().map(IpcMessage.Ping::new), Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpcMessage.Pong::new),
                Combinators.combine(Arbitraries.integers(), s).as(IpcMessage.Denied::new)));
    }

    @Property(tries = 500)
    void roundTripsThroughAFrame(@ForAll("messages") IpcMessage m) {
        byte[] frame = m.toFrame();
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length - 4);
        FrameReader r = new FrameReader(new ByteArrayInputStream(frame), 1 << 20);
        assertThat(r.read()).isEqualTo(m);
        assertThat(r.read()).isNull();
    }

    @Test
    void writerAndReaderAgreeOnAStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        w.write(new IpcMessage.Data(5, big));
        w.write(new IpcMessage.Ping(42));
        FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()), 200_000);
        assertThat(r.read()).isEqualTo(new IpcMessage.Data(5, big));
        assertThat(r.read()).isEqualTo(new IpcMessage.Ping(42));
        assertThat(r.read()).isNull();
    }

    @Test
    void oversizedFramesFailBeforeAllocation() {
        byte[] frame = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, IpcMessage.TYPE_DATA};
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(frame), 1024).read())
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.MALFORMED))
                .hasMessageContaining("IPC frame.length").hasMessageContaining("outside 1..1024");
    }

    @Test
    void malformedBodiesNameTheField() {
        assertThatThrownBy(() -> IpcMessage.decode(ByteBuffer.wrap(new byte[] {99}))).hasMessageContaining("unknown type 99");
        assertThatThrownBy(() -> IpcMessage.decode(ByteBuffer.wrap(new byte[] {IpcMessage.TYPE_PING, 1, 2})))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> IpcMessage.decode(ByteBuffer.wrap(new byte[] {IpcMessage.TYPE_CLOSE, 0, 0, 0, 1, 9})))
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> IpcMessage.decode(ByteBuffer.wrap(new byte[] {IpcMessage.TYPE_CREATE_LISTENER, 0, 2, (byte) 0xC3, 0x28})))
                .hasMessageContaining("CREATE_LISTENER.name").hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> IpcMessage.decode(ByteBuffer.wrap(new byte[] {IpcMessage.TYPE_CREDIT, 0, 0, 0, 1, 0, 0, 0, 0})))
                .hasMessageContaining("CREDIT.bytes must be positive");
        assertThatThrownBy(() -> IpcMessage.decode(ByteBuffer.wrap(new byte[] {IpcMessage.TYPE_INITIALIZED, 2, 0, 0})))
                .hasMessageContaining("INITIALIZED.ok");
    }

    @Test
    void aStreamCutInsideAFrameIsAnIoError() {
        byte[] frame = new IpcMessage.Ping(1).toFrame();
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(Arrays.copyOf(frame, 7)), 1024).read())
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.IO))
                .hasMessageContaining("ended inside a frame");
    }
}
