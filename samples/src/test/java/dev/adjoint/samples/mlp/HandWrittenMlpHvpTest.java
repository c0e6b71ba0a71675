package dev.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HandWrittenMlpHvpTest {

    private static final double LAMBDA = 1e-3;

    /** A 64-5-10 network on 40 digits; biases made nonzero so that every term is exercised. */
    private static Parameters parameters(Dataset data, Random random) {
        Parameters p = Parameters.init(data.features(), 5, data.classes(), random);
        for (int j = 0; j < p.b1().length; j++) {
            p.b1()[j] = 0.1 * random.nextGaussian();
        }
        for (int k = 0; k < p.b2().length; k++) {
            p.b2()[k] = 0.1 * random.nextGaussian();
        }
        return p;
    }

    private static Dataset smallDigits() {
        Dataset all = Dataset.digits();
        int[] first = new int[40];
        for (int e = 0; e < first.length; e++) {
            first[e] = e;
        }
        return all.subset(first);
    }

    @Test
    void valueAndGradientEqualTheGeneratedOnes() {
        Dataset data = smallDigits();
        Random random = new Random(1);
        Parameters p = parameters(data, random);
        Parameters v = parameters(data, random);
        HandWrittenMlpHvp.LossHvp r = lossHvp(p, v, data);
        MlpGrad.Loss g = MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), data.x(), data.y(), LAMBDA);
        assertEquals(g.value(), r.value(), 1e-13);
        assertArrayEquals(g.dw1(), r.dw1(), 1e-14);
        assertArrayEquals(g.db1(), r.db1(), 1e-14);
        assertArrayEquals(g.dw2(), r.dw2(), 1e-14);
        assertArrayEquals(g.db2(), r.db2(), 1e-14);
    }

    /**
     * H·v against the central difference of the generated gradient along v (allowed in a test as a
     * check): (∇J(p + h v) − ∇J(p − h v)) / 2h. The loss is piecewise smooth (ReLU); with h = 1e-6
     * no unit of this network changes sign along the segment, so the difference is accurate to
     * O(h²) plus rounding of about 1e-16 / h.
     */
    @Test
    void hessianTimesDirectionMatchesDifferencesOfTheGeneratedGradient() {
        Dataset data = smallDigits();
        Random random = new Random(2);
        Parameters p = parameters(data, random);
        Parameters v = parameters(data, random);
        double h = 1e-6;
        double[] flatP = p.flatten();
        double[] flatV = v.flatten();
        double[] plus = new double[flatP.length];
        double[] minus = new double[flatP.length];
        for (int i = 0; i < plus.length; i++) {
            plus[i] = flatP[i] + h * flatV[i];
            minus[i] = flatP[i] - h * flatV[i];
        }
        double[] gp = flatGradient(p.unflatten(plus), data);
        double[] gm = flatGradient(p.unflatten(minus), data);
        HandWrittenMlpHvp.LossHvp r = lossHvp(p, v, data);
        double[] hv = new Parameters(r.hvw1(), r.hvb1(), r.hvw2(), r.hvb2()).flatten();
        double largest = 0;
        for (double x : hv) {
            largest = Math.max(largest, Math.abs(x));
        }
        for (int i = 0; i < hv.length; i++) {
            double difference = (gp[i] - gm[i]) / (2 * h);
            assertEquals(difference, hv[i], 1e-7 * largest, "component " + i);
        }
    }

    /** The generated lossHvp (which the samples use) against the hand-written R-operator. */
    @Test
    void generatedLossHvpEqualsTheHandWrittenOne() {
        Dataset data = smallDigits();
        Random random = new Random(4);
        for (int trial = 0; trial < 3; trial++) {
            Parameters p = parameters(data, random);
            Parameters v = parameters(data, random);
            HandWrittenMlpHvp.LossHvp hand = lossHvp(p, v, data);
            MlpGrad.LossHvp generated = MlpGrad.lossHvp(
                    p.w1(), v.w1(), p.b1(), v.b1(), p.w2(), v.w2(), p.b2(), v.b2(), data.x(), data.y(), LAMBDA);
            assertEquals(hand.value(), generated.value(), 1e-13);
            assertArrayEquals(hand.dw1(), generated.dw1(), 1e-14);
            assertArrayEquals(hand.db2(), generated.db2(), 1e-14);
            double[] expected = new Parameters(hand.hvw1(), hand.hvb1(), hand.hvw2(), hand.hvb2()).flatten();
            double[] actual =
                    new Parameters(generated.hvw1(), generated.hvb1(), generated.hvw2(), generated.hvb2()).flatten();
            assertArrayEquals(expected, actual, 1e-13 * largest(expected));
        }
    }

    /**
     * The hand-written product's columns H e_j form a symmetric matrix (they are not symmetrised),
     * and the generated dense Hessian (symmetrised by construction) equals it.
     */
    @Test
    void generatedDenseHessianEqualsTheHandWrittenColumns() {
        Dataset data = smallDigits();
        Parameters p = parameters(data, new Random(3));
        double[][] hand = MlpCurvature.columnByColumn(
                v -> {
                    Parameters d = p.unflatten(v);
                    HandWrittenMlpHvp.LossHvp r = lossHvp(p, d, data);
                    return new Parameters(r.hvw1(), r.hvb1(), r.hvw2(), r.hvb2()).flatten();
                },
                p.count());
        double[][] generated = MlpCurvature.denseHessian(p, data, LAMBDA);
        double largest = 0;
        for (double[] row : hand) {
            largest = Math.max(largest, largest(row));
        }
        for (int i = 0; i < hand.length; i++) {
            for (int j = 0; j < hand.length; j++) {
                assertEquals(hand[i][j], hand[j][i], 1e-13 * largest, "hand-written " + i + ", " + j);
                assertEquals(hand[i][j], generated[i][j], 1e-13 * largest, "generated " + i + ", " + j);
            }
        }
    }

    private static double largest(double[] v) {
        double largest = 0;
        for (double x : v) {
            largest = Math.max(largest, Math.abs(x));
        }
        return largest;
    }

    private static HandWrittenMlpHvp.LossHvp lossHvp(Parameters p, Parameters v, Dataset data) {
        return HandWrittenMlpHvp.lossHvp(
                p.w1(), v.w1(), p.b1(), v.b1(), p.w2(), v.w2(), p.b2(), v.b2(), data.x(), data.y(), LAMBDA);
    }

    private static double[] flatGradient(Parameters p, Dataset data) {
        MlpGrad.Loss g = MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), data.x(), data.y(), LAMBDA);
        return new Parameters(g.dw1(), g.db1(), g.dw2(), g.db2()).flatten();
    }
}
