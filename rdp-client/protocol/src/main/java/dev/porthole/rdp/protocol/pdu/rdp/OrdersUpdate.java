package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * An Orders Update (MS-RDPEGDI 2.2.2.2): {@code numberOrders} drawing orders, kept raw as a slice for a
 * drawing-order decoder. Slow path (TS_UPDATE_ORDERS_PDU_DATA): updateType, pad, numberOrders, pad,
 * orderData; fast path (TS_FP_UPDATE_ORDERS): numberOrders, orderData.
 */
public record OrdersUpdate(int numberOrders, ByteBuf orderData) implements GraphicsUpdate {

    static final String PDU = "TS_UPDATE_ORDERS";

    public OrdersUpdate {
        Wire.requireUnsigned(numberOrders, 16, PDU, "numberOrders");
        if (orderData == null) {
            throw RdpException.argument(PDU, "orderData", "is null");
        }
    }

    @Override
    public int updateType() {
        return UPDATETYPE_ORDERS;
    }

    @Override
    public int slowPathSize() {
        return 8 + orderData.readableBytes();
    }

    @Override
    public void encodeSlowPath(ByteBuf out) {
        out.writeShortLE(UPDATETYPE_ORDERS);
        out.writeShortLE(0); // pad2OctetsA
        out.writeShortLE(numberOrders);
        out.writeShortLE(0); // pad2OctetsB
        out.writeBytes(orderData, orderData.readerIndex(), orderData.readableBytes());
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_ORDERS;
    }

    @Override
    public int fastPathSize() {
        return 2 + orderData.readableBytes();
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        out.writeShortLE(numberOrders);
        out.writeBytes(orderData, orderData.readerIndex(), orderData.readableBytes());
    }

    static OrdersUpdate decodeSlowPath(ByteBuf in) {
        Wire.need(in, 8, PDU, "header");
        in.skipBytes(4); // updateType, pad2OctetsA
        int count = in.readUnsignedShortLE();
        in.skipBytes(2); // pad2OctetsB
        return new OrdersUpdate(count, in.readSlice(in.readableBytes()));
    }

    static OrdersUpdate decodeFastPath(ByteBuf in) {
        Wire.need(in, 2, PDU, "numberOrders");
        int count = in.readUnsignedShortLE();
        return new OrdersUpdate(count, in.readSlice(in.readableBytes()));
    }
}
