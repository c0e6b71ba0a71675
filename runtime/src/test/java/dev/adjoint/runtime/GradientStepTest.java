package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Optimizer#step(double[][], Gradient)}: all parameters of a model in one call. */
class GradientStepTest {

    /** What a generated record looks like: a matrix and a vector component. */
    record Loss(double value, double[][] dw, double[] db) implements Gradient {
        @Override
        public double[][] arrays() {
            return Gradient.concat(dw, new double[][] {db});
        }
    }

    @Test
    void concatListsEveryRowInOrderWithoutCopying() {
        double[] r0 = {1};
        double[] r1 = {2, 3};
        double[] v = {4};
        double[][] all = Gradient.concat(new double[][] {r0, r1}, new double[][] {v});
        assertEquals(3, all.length);
        assertSame(r0, all[0]);
        assertSame(r1, all[1]);
        assertSame(v, all[2]);
        assertEquals(0, Gradient.concat().length);
    }

    @Test
    void sgdStepsEveryArrayAgainstItsGradient() {
        double[][] w = {{1, 2}, {3, 4}};
        double[] b = {-1};
        double[][] params = Gradient.concat(w, new double[][] {b});
        Loss g = new Loss(0.5, new double[][] {{10, 20}, {30, 40}}, new double[] {-10});
        new Sgd(0.1).step(params, g);
        assertArrayEquals(new double[] {0, 0}, w[0], 1e-15);
        assertArrayEquals(new double[] {0, 0}, w[1], 1e-15);
        assertArrayEquals(new double[] {0}, b, 1e-15);
    }

    @Test
    void adamKeepsOneStatePerArrayAsSeparateStepsWould() {
        double[] w = {0.5, -0.25};
        double[] b = {2};
        double[] w2 = w.clone();
        double[] b2 = b.clone();
        Adam together = new Adam(0.01);
        Adam apart = new Adam(0.01);
        double[][] params = {w, b};
        for (int k = 1; k <= 4; k++) {
            // a gradient that changes with the step, so that the moments differ per array
            double[] gw = {k * w[0], -k};
            double[] gb = {b[0] / k};
            together.step(params, new Loss(0, new double[][] {gw}, gb));
            apart.step(w2, gw.clone());
            apart.step(b2, gb.clone());
        }
        assertArrayEquals(w2, w, 0);
        assertArrayEquals(b2, b, 0);
        assertEquals(4, together.steps(w));
        assertEquals(4, together.steps(b));
    }

    @Test
    void aMismatchStepsNothing() {
        double[] w = {1, 2};
        double[] b = {3};
        Loss g = new Loss(0, new double[][] {{1, 1}}, new double[] {1, 1}); // db has length 2
        Optimizer sgd = new Sgd(1);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> sgd.step(new double[][] {w, b}, g));
        assertEquals("params[1] and the gradient's array 1 differ: length 1 and length 2", e.getMessage());
        assertArrayEquals(new double[] {1, 2}, w, 0);
        assertThrows(IllegalArgumentException.class, () -> sgd.step(new double[][] {w}, g));
        assertArrayEquals(new double[] {1, 2}, w, 0);
    }
}
