package dev.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.Adam;
import dev.adjoint.runtime.Optimizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code MlpGrad.Loss} is a {@code dev.adjoint.runtime.Gradient}: one optimiser
 * call steps W1, b1, W2 and b2, exactly as four separate calls did before.
 */
class OneCallStepTest {

    @Test
    void oneCallStepsAllFourArraysAsFourCallsWould() {
        Random random = new Random(7);
        Parameters together = Parameters.init(3, 4, 2, random);
        Parameters apart = new Parameters(
                together.w1().clone(),
                together.b1().clone(),
                together.w2().clone(),
                together.b2().clone());
        double[][] x = {{0.5, -1, 2}, {1.5, 0.25, -0.5}, {-1, 1, 1}};
        int[] labels = {0, 1, 1};
        Optimizer one = new Adam(0.05);
        Optimizer four = new Adam(0.05);
        double[][] params = {together.w1(), together.b1(), together.w2(), together.b2()};
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 20; step++) {
            MlpGrad.Loss g = MlpGrad.loss(together.w1(), together.b1(), together.w2(), together.b2(), x, labels, 0.01);
            double[][] arrays = g.arrays();
            assertSame(g.dw1(), arrays[0]);
            assertSame(g.db1(), arrays[1]);
            assertSame(g.dw2(), arrays[2]);
            assertSame(g.db2(), arrays[3]);
            one.step(params, g);

            MlpGrad.Loss h = MlpGrad.loss(apart.w1(), apart.b1(), apart.w2(), apart.b2(), x, labels, 0.01);
            assertEquals(h.value(), g.value(), 0);
            four.step(apart.w1(), h.dw1());
            four.step(apart.b1(), h.db1());
            four.step(apart.w2(), h.dw2());
            four.step(apart.b2(), h.db2());
            if (step == 0) first = g.value();
            last = g.value();
        }
        assertArrayEquals(apart.w1(), together.w1(), 0);
        assertArrayEquals(apart.b1(), together.b1(), 0);
        assertArrayEquals(apart.w2(), together.w2(), 0);
        assertArrayEquals(apart.b2(), together.b2(), 0);
        // and the steps did train: twenty Adam steps on three examples lower the loss
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    }
}
