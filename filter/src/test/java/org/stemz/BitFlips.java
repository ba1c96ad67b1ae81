package org.stemz;

import java.util.function.BiConsumer;

/** Test helper: every single-bit flip of an archive. */
final class BitFlips {
    private BitFlips() {
    }

    /** Calls {@code check} with a copy of {@code archive} in which one bit is flipped, for every bit. */
    static void each(byte[] archive, BiConsumer<byte[], String> check) {
        byte[] copy = archive.clone();
        for (int i = 0; i < copy.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                copy[i] ^= (byte) (1 << bit);
                check.accept(copy, "bit " + bit + " of byte " + i);
                copy[i] ^= (byte) (1 << bit);
            }
        }
    }
}
