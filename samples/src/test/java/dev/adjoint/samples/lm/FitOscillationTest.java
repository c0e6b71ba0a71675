package dev.adjoint.samples.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FitOscillationTest {

    /** The hand-written Jacobian against central differences of the residuals, at random points. */
    @Test
    void handWrittenJacobianMatchesCentralDifferences() {
        DampedOscillation.Data data = DampedOscillation.noisyData(50, 0.05, 1);
        Random random = new Random(4);
        for (int trial = 0; trial < 5; trial++) {
            double[] p = {
                1 + random.nextDouble(), 0.5 * random.nextDouble(), 1 + 2 * random.nextDouble(), random.nextGaussian()
            };
            double[][] jacobian = DampedOscillation.handWrittenJacobian(p, data.t());
            double h = 1e-6;
            for (int j = 0; j < 4; j++) {
                double[] plus = p.clone();
                double[] minus = p.clone();
                plus[j] += h;
                minus[j] -= h;
                double[] rp = DampedOscillation.residuals(plus, data.t(), data.y());
                double[] rm = DampedOscillation.residuals(minus, data.t(), data.y());
                for (int i = 0; i < data.t().length; i++) {
                    double difference = (rp[i] - rm[i]) / (2 * h);
                    assertEquals(
                            difference, jacobian[i][j], 1e-8 * (1 + Math.abs(difference)), "d r_" + i + " / d p_" + j);
                }
            }
        }
    }

    /**
     * The generated Jacobian (the one the fit uses) against the hand-written one at random points,
     * entry by entry, to rounding; and its value is the residuals.
     */
    @Test
    void generatedJacobianEqualsTheHandWrittenOne() {
        DampedOscillation.Data data = DampedOscillation.noisyData(FitOscillation.OBSERVATIONS, 0.05, 2);
        Random random = new Random(5);
        for (int trial = 0; trial < 5; trial++) {
            double[] p = {
                1 + random.nextDouble(), 0.5 * random.nextDouble(), 1 + 2 * random.nextDouble(), random.nextGaussian()
            };
            DampedOscillationGrad.ResidualsJacobian generated =
                    DampedOscillationGrad.residualsJacobian(p, data.t(), data.y());
            assertArrayEquals(DampedOscillation.residuals(p, data.t(), data.y()), generated.value(), 0);
            double[][] hand = DampedOscillation.handWrittenJacobian(p, data.t());
            assertEquals(hand.length, generated.dp().length);
            for (int i = 0; i < hand.length; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(hand[i][j], generated.dp()[i][j], 1e-13 * (1 + Math.abs(hand[i][j])), i + ", " + j);
                }
            }
        }
    }

    /**
     * Levenberg–Marquardt with the generated Jacobian against Hipparchus's finite differences:
     * both fit, to the same minimum; the generated one needs no extra residual calls.
     */
    @Test
    void bothJacobiansFitTheTrueParametersWithinTheNoise() {
        DampedOscillation.Data data =
                DampedOscillation.noisyData(FitOscillation.OBSERVATIONS, FitOscillation.NOISE, FitOscillation.SEED);
        FitOscillation.Fit exact = FitOscillation.fitExact(data);
        FitOscillation.Fit differences = FitOscillation.fitFiniteDifferences(data);
        // 200 points of noise 0.05: the estimates are within a few hundredths of the truth
        assertArrayEquals(DampedOscillation.TRUE_PARAMETERS, exact.parameters(), 0.03);
        assertEquals(FitOscillation.NOISE, exact.rms(), 0.005, "residuals are the noise");
        // the two fits reach the same minimum, to the differences' accuracy
        assertArrayEquals(exact.parameters(), differences.parameters(), 1e-6);
        // exact: one residual call per evaluation; differences: 2 more per parameter
        assertEquals(exact.evaluations(), exact.residualCalls());
        assertEquals(9 * differences.evaluations(), differences.residualCalls());
        assertTrue(exact.iterations() >= 3 && exact.iterations() <= 20, "" + exact.iterations());
    }
}
