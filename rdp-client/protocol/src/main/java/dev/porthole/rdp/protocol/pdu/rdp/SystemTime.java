package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.11.1.1.1.1.1 System Time (TS_SYSTEMTIME): when a daylight-saving transition happens,
 * as eight little-endian 16-bit fields. All zero means "no daylight saving time".
 *
 * @param day the occurrence of {@code dayOfWeek} in the month (1..4, 5 = last)
 */
public record SystemTime(int year, int month, int dayOfWeek, int day, int hour, int minute, int second,
                         int milliseconds) {

    static final String PDU = "TS_SYSTEMTIME";
    public static final int SIZE = 16;
    public static final SystemTime NONE = new SystemTime(0, 0, 0, 0, 0, 0, 0, 0);

    public SystemTime {
        Wire.requireUnsigned(year, 16, PDU, "wYear");
        Wire.requireUnsigned(month, 16, PDU, "wMonth");
        Wire.requireUnsigned(dayOfWeek, 16, PDU, "wDayOfWeek");
        Wire.requireUnsigned(day, 16, PDU, "wDay");
        Wire.requireUnsigned(hour, 16, PDU, "wHour");
        Wire.requireUnsigned(minute, 16, PDU, "wMinute");
        Wire.requireUnsigned(second, 16, PDU, "wSecond");
        Wire.requireUnsigned(milliseconds, 16, PDU, "wMilliseconds");
    }

    /** A yearly transition rule: the {@code week}th (5 = last) {@code dayOfWeek} (0 = Sunday) of {@code month} at {@code hour}. */
    public static SystemTime transition(int month, int dayOfWeek, int week, int hour) {
        return new SystemTime(0, month, dayOfWeek, week, hour, 0, 0, 0);
    }

    public static SystemTime decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        return Wire.decoded(() -> new SystemTime(in.readUnsignedShortLE(), in.readUnsignedShortLE(),
                in.readUnsignedShortLE(), in.readUnsignedShortLE(), in.readUnsignedShortLE(), in.readUnsignedShortLE(),
                in.readUnsignedShortLE(), in.readUnsignedShortLE()));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(year);
        out.writeShortLE(month);
        out.writeShortLE(dayOfWeek);
        out.writeShortLE(day);
        out.writeShortLE(hour);
        out.writeShortLE(minute);
        out.writeShortLE(second);
        out.writeShortLE(milliseconds);
    }

    public int size() {
        return SIZE;
    }
}
