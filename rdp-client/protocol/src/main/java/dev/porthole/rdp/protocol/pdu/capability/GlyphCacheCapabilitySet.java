package dev.porthole.rdp.protocol.pdu.capability;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.8 Glyph Cache Capability Set (TS_GLYPHCACHE_CAPABILITYSET): ten glyph caches and the
 * fragment cache as TS_CACHE_DEFINITION pairs (2.2.7.1.8.1), and the glyph support level. A client that
 * draws no glyph orders sends GLYPH_SUPPORT_NONE.
 */
public record GlyphCacheCapabilitySet(List<CacheDefinition> glyphCache, CacheDefinition fragCache,
                                      int glyphSupportLevel) implements CapabilitySet {

    static final String PDU = "TS_GLYPHCACHE_CAPABILITYSET";
    public static final int BODY_SIZE = 48;
    public static final int GLYPH_SUPPORT_NONE = 0x0000;
    public static final int GLYPH_SUPPORT_PARTIAL = 0x0001;
    public static final int GLYPH_SUPPORT_FULL = 0x0002;
    public static final int GLYPH_SUPPORT_ENCODE = 0x0003;

    /** MS-RDPBCGR 2.2.7.1.8.1 Cache Definition (TS_CACHE_DEFINITION). */
    public record CacheDefinition(int cacheEntries, int cacheMaximumCellSize) {
        public CacheDefinition {
            Wire.requireUnsigned(cacheEntries, 16, PDU, "CacheEntries");
            Wire.requireUnsigned(cacheMaximumCellSize, 16, PDU, "CacheMaximumCellSize");
        }

        void encode(ByteBuf out) {
            out.writeShortLE(cacheEntries);
            out.writeShortLE(cacheMaximumCellSize);
        }

        static CacheDefinition decode(ByteBuf in) {
            return new CacheDefinition(in.readUnsignedShortLE(), in.readUnsignedShortLE());
        }
    }

    public GlyphCacheCapabilitySet {
        if (glyphCache == null || glyphCache.size() != 10 || fragCache == null) {
            throw RdpException.argument(PDU, "GlyphCache", "must hold exactly 10 definitions and a FragCache");
        }
        glyphCache = List.copyOf(glyphCache);
        Wire.requireUnsigned(glyphSupportLevel, 16, PDU, "GlyphSupportLevel");
    }

    @Override
    public int type() {
        return CAPSTYPE_GLYPHCACHE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        for (CacheDefinition d : glyphCache) {
            d.encode(out);
        }
        fragCache.encode(out);
        out.writeShortLE(glyphSupportLevel);
        out.writeZero(2); // pad2octets
    }

    static GlyphCacheCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        List<CacheDefinition> caches = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
            caches.add(CacheDefinition.decode(body));
        }
        CacheDefinition frag = CacheDefinition.decode(body);
        int level = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octets
        return new GlyphCacheCapabilitySet(caches, frag, level);
    }
}
