package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RansEncoderTest {
    /** The multiplication must equal the division everywhere the encoder uses it; multiples are the hard case. */
    @Test
    void quotientEqualsTheDivisionForEveryFrequency() {
        Random r = new Random(5);
        long top = 1L << 32;
        for (int f = 1; f <= 1 << 14; f++) {
            int freq = f;
            long lastMultiple = (top - 1) / freq * freq;
            long[] xs = {0, 1, freq - 1, freq, freq + 1, lastMultiple - freq, lastMultiple - 1, lastMultiple,
                top - 1, r.nextLong() & (top - 1), (r.nextLong() & (top - 1)) / freq * freq};
            for (long x : xs) {
                if (x >= 0 && x < top) {
                    assertEquals(x / freq, RansEncoder.quotient(x, freq), () -> x + " / " + freq);
                }
            }
        }
        // where the rounded product falls just short of the quotient (found by search), so the correction counts
        assertEquals(4288675840L / 4090, RansEncoder.quotient(4288675840L, 4090));
        assertEquals(4280811520L / 8165, RansEncoder.quotient(4280811520L, 8165));
        assertEquals(4292345856L / 8187, RansEncoder.quotient(4292345856L, 8187));
    }
}
