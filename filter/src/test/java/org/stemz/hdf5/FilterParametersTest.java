package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.stemz.DataType;
import org.stemz.ErrorCode;
import org.stemz.FilterConfigException;

class FilterParametersTest {
    @Test
    void cdValuesRoundTrip() {
        FilterParameters p = FilterParameters.of(DataType.UINT16, ByteOrder.BIG_ENDIAN, 1, 40, 128, 128);
        int[] cd = p.toCdValues();
        assertArrayEquals(new int[] {1, 2, 2, 1, 4, 1, 40, 128, 128}, cd);
        FilterParameters q = FilterParameters.parse(cd);
        assertEquals(DataType.UINT16, q.type());
        assertEquals(ByteOrder.BIG_ENDIAN, q.order());
        assertArrayEquals(new long[] {1, 40, 128, 128}, q.chunkShape());
        assertEquals(40L * 128 * 128 * 2, q.chunkBytes());
    }

    @Test
    void mapsHdf5Types() {
        assertEquals(DataType.INT8, FilterParameters.forHdf5Type(0, 1, true, 0, 4, 4).type());
        assertEquals(DataType.UINT32, FilterParameters.forHdf5Type(0, 4, false, 0, 4, 4).type());
        assertEquals(DataType.FLOAT64, FilterParameters.forHdf5Type(1, 8, true, 1, 4, 4).type());
        assertEquals(ByteOrder.BIG_ENDIAN, FilterParameters.forHdf5Type(1, 8, true, 1, 4, 4).order());
        FilterConfigException e = assertThrows(FilterConfigException.class,
                () -> FilterParameters.forHdf5Type(0, 8, false, 0, 4, 4));
        assertEquals(ErrorCode.BAD_FILTER_PARAMETERS, e.code());
        assertTrue(e.getMessage().contains("not supported"), e.getMessage());
        assertThrows(FilterConfigException.class, () -> FilterParameters.forHdf5Type(3, 4, false, 0, 4, 4));
    }

    @Test
    void rankOneChunkIsOneRow() {
        FilterParameters p = FilterParameters.of(DataType.UINT8, ByteOrder.LITTLE_ENDIAN, 1000);
        assertArrayEquals(new long[] {1, 1000}, p.chunkDescriptor().shape());
    }

    @Test
    void rejectsBadCdValues() {
        int[] good = FilterParameters.of(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 2, 8, 8).toCdValues();
        int[][] bad = {
            null, {}, {1, 2, 2, 0}, // too short
            {2, 2, 2, 0, 3, 2, 8, 8}, // version
            {1, 99, 2, 0, 3, 2, 8, 8}, // type code
            {1, 2, 4, 0, 3, 2, 8, 8}, // element size
            {1, 2, 2, 7, 3, 2, 8, 8}, // byte order
            {1, 2, 2, 0, 0}, {1, 2, 2, 0, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 2, 2, 0, -1}, // rank
            {1, 2, 2, 0, 3, 2, 8}, {1, 2, 2, 0, 3, 2, 8, 8, 8}, // slot count
            {1, 2, 2, 0, 3, 0, 8, 8}, {1, 2, 2, 0, 3, -1, -1, -1}, // dimensions
        };
        for (int[] cd : bad) {
            assertThrows(FilterConfigException.class, () -> FilterParameters.parse(cd));
        }
        FilterParameters.parse(good);
    }
}
