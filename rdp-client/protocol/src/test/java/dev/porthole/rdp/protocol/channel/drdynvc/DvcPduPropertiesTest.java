package dev.porthole.rdp.protocol.channel.drdynvc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CapabilitiesRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.Close;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CreateRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CreateResponse;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.Data;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.DataFirst;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.PriorityCharges;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Round trips: decode(encode(x)) == x and size() == encoded length, for every PDU shape. */
class DvcPduPropertiesTest {

    private static DvcPdu roundTripFromServer(DvcPdu pdu) {
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).hasSize(pdu.size());
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        return DvcPdu.decodeFromServer(in);
    }

    private static DvcPdu roundTripFromClient(DvcPdu pdu) {
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).hasSize(pdu.size());
        return DvcPdu.decodeFromClient(Unpooled.wrappedBuffer(bytes));
    }

    @Provide
    Arbitrary<Long> channelIds() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 0xFF), Arbitraries.longs().between(0x100, 0xFFFF),
                Arbitraries.longs().between(0x10000, 0xFFFF_FFFFL));
    }

    @Provide
    Arbitrary<CapabilitiesRequest> caps() {
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<PriorityCharges> charges = Combinators.combine(u16, u16, u16, u16).as(PriorityCharges::new);
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 3), charges)
                .as((sp, v, c) -> new CapabilitiesRequest(sp, v, v == 1 ? null : c));
    }

    @Property
    void capabilitiesRequestRoundTrips(@ForAll("caps") CapabilitiesRequest caps) {
        assertThat(roundTripFromServer(caps)).isEqualTo(caps);
    }

    @Property
    void createRequestRoundTrips(@ForAll @IntRange(min = 0, max = 3) int pri, @ForAll("channelIds") long id,
                                 @ForAll @StringLength(min = 1, max = 259) String rawName) {
        String name = rawName.chars().map(c -> (c % 255) + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
        CreateRequest cr = new CreateRequest(pri, id, name);
        assertThat(roundTripFromServer(cr)).isEqualTo(cr);
    }

    @Property
    void createResponseRoundTrips(@ForAll("channelIds") long id, @ForAll int status) {
        CreateResponse r = new CreateResponse(id, status);
        assertThat(roundTripFromClient(r)).isEqualTo(r);
        assertThat(r.succeeded()).isEqualTo(status >= 0);
    }

    @Property
    void dataRoundTrips(@ForAll("channelIds") long id, @ForAll @Size(max = 1600) byte[] data,
                        @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long extra) {
        Data d = new Data(id, Unpooled.wrappedBuffer(data));
        assertThat(roundTripFromServer(d)).isEqualTo(d);
        long total = Math.min(0xFFFF_FFFFL, data.length + extra);
        DataFirst df = new DataFirst(id, total, Unpooled.wrappedBuffer(data));
        assertThat(roundTripFromServer(df)).isEqualTo(df);
        Close c = new Close(id);
        assertThat(roundTripFromClient(c)).isEqualTo(c);
    }
}
