package dev.porthole.rdp.protocol.credssp;

import java.io.IOException;
import java.math.BigInteger;

import dev.porthole.rdp.protocol.RdpException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * Reading and writing the explicitly tagged SEQUENCE fields that every MS-CSSP structure is made
 * of ({@code field [n] TYPE}), with errors that name the structure and field.
 */
final class Asn1Fields {

    private Asn1Fields() {}

    /** The fields of a SEQUENCE by context tag; tags must be context-specific, unique and ascending. */
    static ASN1TaggedObject[] read(ASN1Primitive primitive, int maxTag, String pdu) {
        if (!(primitive instanceof ASN1Sequence sequence)) {
            throw RdpException.malformed(pdu, "encoding", "is not a SEQUENCE");
        }
        ASN1TaggedObject[] fields = new ASN1TaggedObject[maxTag + 1];
        int last = -1;
        for (ASN1Encodable element : sequence) {
            if (!(element instanceof ASN1TaggedObject tagged) || tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
                throw RdpException.malformed(pdu, "encoding", "has an element that is not a context-tagged field");
            }
            int tag = tagged.getTagNo();
            if (tag > maxTag) {
                throw RdpException.malformed(pdu, "[" + tag + "]", "is not a field of " + pdu);
            }
            if (tag <= last) {
                throw RdpException.malformed(pdu, "[" + tag + "]", "is out of order or repeated");
            }
            last = tag;
            fields[tag] = tagged;
        }
        return fields;
    }

    static ASN1TaggedObject required(ASN1TaggedObject[] fields, int tag, String pdu, String name) {
        if (fields[tag] == null) {
            throw RdpException.malformed(pdu, name, "is missing");
        }
        return fields[tag];
    }

    static BigInteger integer(ASN1TaggedObject field, String pdu, String name) {
        try {
            return ASN1Integer.getInstance(field, true).getValue();
        } catch (RuntimeException e) {
            throw RdpException.malformed(pdu, name, "is not an explicitly tagged INTEGER");
        }
    }

    static byte[] octets(ASN1TaggedObject field, String pdu, String name) {
        try {
            return ASN1OctetString.getInstance(field, true).getOctets();
        } catch (RuntimeException e) {
            throw RdpException.malformed(pdu, name, "is not an explicitly tagged OCTET STRING");
        }
    }

    static ASN1Sequence sequence(ASN1TaggedObject field, String pdu, String name) {
        try {
            return ASN1Sequence.getInstance(field, true);
        } catch (RuntimeException e) {
            throw RdpException.malformed(pdu, name, "is not an explicitly tagged SEQUENCE");
        }
    }

    /** Builder for {@code SEQUENCE { [n] ... }} in DER. */
    static final class Writer {
        private final ASN1EncodableVector vector = new ASN1EncodableVector();

        Writer integer(int tag, long value) {
            return add(tag, new ASN1Integer(value));
        }

        Writer octets(int tag, byte[] value) {
            return add(tag, new DEROctetString(value));
        }

        Writer add(int tag, ASN1Encodable value) {
            vector.add(new DERTaggedObject(true, tag, value));
            return this;
        }

        DERSequence sequence() {
            return new DERSequence(vector);
        }

        byte[] encode() {
            try {
                return sequence().getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new IllegalStateException("DER encoding to memory failed", e);
            }
        }
    }
}
