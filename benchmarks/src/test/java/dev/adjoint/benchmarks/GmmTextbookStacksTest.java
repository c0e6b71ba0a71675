package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The textbook GMM's loop over points rewrites its scratch vectors inside the loop over
 * components; the dependence analysis sees each point's scratch work as local to the point, so
 * the loop is reversed one point at a time: the stacks hold one point's values (874 doubles and
 * 25 ints at d = 10, k = 25), however many points there are. Before, they held every point's
 * (576,299 doubles and 25,000 ints at n = 1000).
 */
class GmmTextbookStacksTest {
    private record Peak(int doubles, int ints) {}

    private static Peak peak(int d, int k, int n) {
        Random random = new Random(3);
        double[] alphas = new double[k], means = new double[k * d], icf = new double[k * d * (d + 1) / 2];
        double[] x = new double[n * d];
        for (double[] a : new double[][] {alphas, means, icf, x})
            for (int i = 0; i < a.length; i++) a[i] = 0.1 * random.nextGaussian();
        DoubleStack doubles = DoubleStack.forThisThread();
        IntStack ints = IntStack.forThisThread();
        doubles.resetHighWater();
        ints.resetHighWater();
        int doublesBefore = doubles.size(), intsBefore = ints.size();
        GmmTextbookGrad.logLikelihood(alphas, means, icf, x, d, k, n, 1.0, 0);
        assertEquals(doublesBefore, doubles.size(), "every push popped");
        return new Peak(doubles.highWater() - doublesBefore, ints.highWater() - intsBefore);
    }

    @Test
    void theStacksHoldOnePointAtATime() {
        Peak few = peak(10, 25, 20), many = peak(10, 25, 1000);
        assertEquals(few, many);
        assertTrue(many.doubles() < 1000, "one point's values: " + many);
    }
}
