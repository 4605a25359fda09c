package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.11.1.1.1.1 Time Zone Information (TS_TIME_ZONE_INFORMATION), 172 bytes. The caller
 * builds it from whatever zone the device is configured for; this module reads no clock and no zone
 * database.
 *
 * @param bias          minutes to add to local time to get UTC (UTC = local + bias), signed
 * @param standardName  at most 32 UTF-16 units
 * @param standardBias  added to {@code bias} during standard time, signed
 * @param daylightName  at most 32 UTF-16 units
 * @param daylightBias  added to {@code bias} during daylight time, signed (-60 for a one-hour shift)
 */
public record TimeZoneInformation(int bias, String standardName, SystemTime standardDate, int standardBias,
                                  String daylightName, SystemTime daylightDate, int daylightBias) {

    static final String PDU = "TS_TIME_ZONE_INFORMATION";
    public static final int SIZE = 172;
    private static final int NAME_BYTES = 64;

    /** UTC without daylight saving time. */
    public static final TimeZoneInformation UTC = new TimeZoneInformation(0, "Coordinated Universal Time",
            SystemTime.NONE, 0, "Coordinated Universal Time", SystemTime.NONE, 0);

    public TimeZoneInformation {
        Utf16.check(standardName, NAME_BYTES, false, PDU, "StandardName");
        Utf16.check(daylightName, NAME_BYTES, false, PDU, "DaylightName");
        if (standardDate == null || daylightDate == null) {
            throw RdpException.argument(PDU, "StandardDate/DaylightDate", "is null");
        }
    }

    public static TimeZoneInformation decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        int bias = in.readIntLE();
        String standardName = Utf16.read(in, NAME_BYTES, PDU, "StandardName");
        SystemTime standardDate = SystemTime.decode(in);
        int standardBias = in.readIntLE();
        String daylightName = Utf16.read(in, NAME_BYTES, PDU, "DaylightName");
        SystemTime daylightDate = SystemTime.decode(in);
        int daylightBias = in.readIntLE();
        return new TimeZoneInformation(bias, standardName, standardDate, standardBias, daylightName, daylightDate,
                daylightBias);
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(bias);
        Utf16.writeFixed(out, standardName, NAME_BYTES);
        standardDate.encode(out);
        out.writeIntLE(standardBias);
        Utf16.writeFixed(out, daylightName, NAME_BYTES);
        daylightDate.encode(out);
        out.writeIntLE(daylightBias);
    }

    public int size() {
        return SIZE;
    }
}
