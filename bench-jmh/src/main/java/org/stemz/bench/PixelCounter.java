package org.stemz.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pixels (array elements) coded, reported by JMH as the secondary metric "pixels" in pixels per second;
 * summarize.py divides by 10^6 for Mpx/s. Each benchmark adds its array's element count per operation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PixelCounter {
    public long pixels;

    @Setup(Level.Iteration)
    public void reset() {
        pixels = 0;
    }
}
