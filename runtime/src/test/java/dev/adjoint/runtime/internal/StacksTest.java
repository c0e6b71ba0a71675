package dev.adjoint.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The stacks generated reverse sweeps save values on: last in, first out, whole arrays included. */
class StacksTest {
    @Test
    void valuesComeBackInReverseOrderAndTheHighWaterMarkCounts() {
        DoubleStack d = new DoubleStack();
        IntStack i = new IntStack();
        for (int k = 0; k < 100; k++) {
            d.push(k * 0.5);
            i.push(k);
        }
        i.push(true);
        assertEquals(101, i.highWater());
        assertEquals(true, i.popBoolean());
        for (int k = 99; k >= 0; k--) {
            assertEquals(k * 0.5, d.pop());
            assertEquals(k, i.pop());
        }
        assertEquals(0, d.size());
        assertEquals(100, d.highWater());
        d.resetHighWater();
        assertEquals(0, d.highWater());
    }

    @Test
    void wholeArraysAndNullsRoundTrip() {
        DoubleStack d = DoubleStack.forThisThread();
        int before = d.size();
        d.pushAll(new double[] {1, 2, 3});
        d.pushAll((double[]) null);
        d.pushAll(new double[][] {{4}, {5, 6}});
        d.pushAll((double[][]) null);
        assertNull(d.popMatrix());
        assertArrayEquals(new double[][] {{4}, {5, 6}}, d.popMatrix());
        assertNull(d.popArray());
        assertArrayEquals(new double[] {1, 2, 3}, d.popArray());
        assertEquals(before, d.size());
        IntStack i = IntStack.forThisThread();
        i.pushAll(new int[] {7, 8});
        i.pushAll(null);
        assertNull(i.popArray());
        assertArrayEquals(new int[] {7, 8}, i.popArray());
    }
}
