package org.stemz.codec;

/**
 * Constants of the rANS coder: 32-bit states kept in [L, 2^32), renormalised 16 bits at a time, four states
 * interleaved round-robin (symbol i uses state i mod 4) so the CPU overlaps their arithmetic.
 */
final class Rans {
    static final int STATES = 4;
    static final long L = 1L << 16;

    private Rans() {
    }
}
