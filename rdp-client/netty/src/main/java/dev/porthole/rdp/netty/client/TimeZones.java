package dev.porthole.rdp.netty.client;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.porthole.rdp.protocol.pdu.rdp.SystemTime;
import dev.porthole.rdp.protocol.pdu.rdp.TimeZoneInformation;

/**
 * The client's time zone for the Client Info PDU (MS-RDPBCGR 2.2.1.11.1.1.1.1): the current offset
 * of the JVM's zone as a fixed bias. Daylight-saving transition rules are not sent (the server then
 * uses the bias as it is at logon).
 */
final class TimeZones {

    private TimeZones() {}

    static TimeZoneInformation current() {
        ZoneId zone = ZoneId.systemDefault();
        ZoneOffset offset = zone.getRules().getOffset(Instant.now());
        int biasMinutes = -offset.getTotalSeconds() / 60;
        String name = zone.getId().length() > 31 ? zone.getId().substring(0, 31) : zone.getId();
        return new TimeZoneInformation(biasMinutes, name, SystemTime.NONE, 0, name, SystemTime.NONE, 0);
    }
}
