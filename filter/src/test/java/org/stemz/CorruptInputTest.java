package org.stemz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Untrusted input: every truncation and every single-bit flip of a small archive raises a typed error. */
class CorruptInputTest {
    private static final ArrayDescriptor D = TestArrays.shape(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 5, 6, 7);
    private static final byte[] DATA = TestArrays.of(D, TestArrays.diffraction(D, 4, 6));
    private static final byte[] ARCHIVE = StemzCodec.compress(D, DATA,
            CodecOptions.defaults().withFramesPerChunk(2).withMetadata("{\"k\":1}"));

    /** Decodes and returns the error code, failing on success or on any exception that is not a StemzException. */
    private static ErrorCode decodeError(byte[] archive, String what) {
        try {
            StemzCodec.decompress(archive, 1);
        } catch (StemzException e) {
            return e.code();
        } catch (Throwable t) {
            throw new AssertionError(what + ": untyped " + t, t);
        }
        fail(what + ": decoded without error");
        return null;
    }

    @Test
    void everyTruncationIsATypedError() {
        for (int len = 0; len < ARCHIVE.length; len++) {
            ErrorCode code = decodeError(Arrays.copyOf(ARCHIVE, len), "truncated to " + len);
            Set<ErrorCode> expected = EnumSet.of(ErrorCode.TRUNCATED, ErrorCode.BAD_MAGIC, ErrorCode.BAD_INDEX,
                    ErrorCode.HEADER_CHECKSUM_MISMATCH);
            if (!expected.contains(code)) {
                fail("truncated to " + len + ": " + code);
            }
        }
    }

    @Test
    void everyBitFlipIsDetected() {
        BitFlips.each(ARCHIVE, CorruptInputTest::decodeError);
    }

    @Test
    void trailingGarbageIsRejected() {
        byte[] longer = Arrays.copyOf(ARCHIVE, ARCHIVE.length + 3);
        assertEquals(ErrorCode.TRAILING_DATA, decodeError(longer, "trailing bytes"));
    }

    @Test
    void specificHeaderFaultsHaveTheirOwnCodes() {
        byte[] a = ARCHIVE.clone();
        a[0] = 'X';
        assertEquals(ErrorCode.BAD_MAGIC, decodeError(a, "magic"));
        a = ARCHIVE.clone();
        a[8] = 3;
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, decodeError(a, "version 3"));
        a = ARCHIVE.clone();
        a[8] = 0;
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, decodeError(a, "version 0"));
        a = ARCHIVE.clone();
        a[8] = 1; // a version-2 archive labelled 1: the header checksum covers the version
        assertEquals(ErrorCode.HEADER_CHECKSUM_MISMATCH, decodeError(a, "version 1"));
        a = ARCHIVE.clone();
        a[10] = 1;
        assertEquals(ErrorCode.RESERVED_VALUE, decodeError(a, "flags"));
        a = ARCHIVE.clone();
        a[30] ^= 1; // inside the shape: header checksum catches it (or the limits do first)
        ErrorCode code = decodeError(a, "shape");
        if (code != ErrorCode.HEADER_CHECKSUM_MISMATCH && code != ErrorCode.LIMIT_EXCEEDED) {
            fail("shape flip: " + code);
        }
    }

    @Test
    void hugeDeclaredShapeIsRefusedBeforeAllocating() {
        byte[] a = ARCHIVE.clone();
        // Frame height (axis 1, bytes 28..35) set to 2^40: over the frame-size limit.
        a[28 + 5] = 1;
        StemzException e = assertThrows(StemzException.class, () -> StemzCodec.decompress(a, 1));
        assertEquals(ErrorCode.LIMIT_EXCEEDED, e.code());
    }
}
