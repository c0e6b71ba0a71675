package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Every way the benchmarks get a gradient agrees with the hand-written one: Adjoint reverse
 * mode, Adjoint forward mode (whole gradient and along a direction), Hipparchus.
 */
class AdjointAgainstHandTest {

    static void close(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], rel * Math.max(1, scale), what + "[" + i + "]");
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void rosenbrock() {
        for (int n : new int[] {2, 10, 1000}) {
            double[] x = Rosenbrock.start(n);
            double[] g = new double[n];
            double v = Rosenbrock.handGradient(x, g);
            RosenbrockGrad.Rosenbrock r = RosenbrockGrad.rosenbrock(x);
            assertEquals(v, r.value(), 1e-12 * Math.abs(v));
            close(g, r.dx(), 1e-12, "reverse");
            double[] dir = Gradients.direction(n, 7);
            assertEquals(dot(g, dir), RosenbrockGrad.rosenbrockTangent(x, dir).tangent(), 1e-10 * Math.abs(v));
            Gradient h = Rosenbrock.hipparchus(Gradients.variables(x, 0, n));
            assertEquals(v, h.getValue(), 1e-12 * Math.abs(v));
            close(g, h.getGradient(), 1e-12, "hipparchus");
            assertEquals(
                    dot(g, dir),
                    Rosenbrock.hipparchus(Gradients.directional(x, dir)).getGradient()[0],
                    1e-10 * Math.abs(v));
            RosenbrockFullBench full = new RosenbrockFullBench();
            full.n = n;
            full.setUp();
            close(g, full.adjointForward(), 1e-12, "forward, n passes");
            close(g, full.hipparchus(), 1e-12, "hipparchus bench");
            close(g, full.finiteDifferences(), 1e-6, "finite differences");
        }
    }

    @Test
    void gmm() {
        for (String size : new String[] {"2,5,1000", "4,3,50", "10,25,40"}) {
            Gmm.Data p = GmmBench.data(size);
            GmmBench b = new GmmBench();
            b.size = size;
            b.setUp();
            double v = b.handWritten();
            double[] hand = Gradients.concat(b.ga, b.gm, b.gi);
            GmmGrad.Gmm r = b.adjointReverse();
            assertEquals(v, r.value(), 1e-10 * Math.abs(v));
            close(hand, Gradients.concat(r.dalphas(), r.dmeans(), r.dicf()), 1e-10, "reverse " + size);
            double[] dir = Gradients.concat(b.da, b.dm, b.di);
            double scale = Math.max(1, Math.abs(dot(hand, dir)));
            assertEquals(dot(hand, dir), b.adjointForwardOnePass(), 1e-9 * scale, "tangent " + size);
            assertEquals(dot(hand, dir), b.hipparchusOnePass(), 1e-9 * scale, "hipparchus one pass " + size);
            assertEquals(p.objective(), b.objective(), 0);
        }
        GmmFullBench f = new GmmFullBench();
        f.size = "2,5,1000";
        f.setUp();
        GmmBench b = new GmmBench();
        b.size = f.size;
        b.setUp();
        b.handWritten();
        double[] hand = Gradients.concat(b.ga, b.gm, b.gi);
        close(hand, f.adjointForward().clone(), 1e-10, "forward, n passes");
        close(hand, f.hipparchus(), 1e-10, "hipparchus");
        close(hand, f.finiteDifferences().clone(), 1e-6, "finite differences");
    }

    @Test
    void mlp() {
        MlpBench b = new MlpBench();
        b.setUp();
        double v = b.handWritten();
        double[] hand = Gradients.concat(b.g1, b.g2);
        MlpGrad.Loss r = b.adjointReverse();
        assertEquals(v, r.value(), 1e-12 * Math.abs(v));
        close(hand, Gradients.concat(r.dw1(), r.dw2()), 1e-12, "reverse");
        double[] dir = Gradients.concat(b.d1, b.d2);
        double expected = dot(hand, dir);
        assertEquals(expected, b.adjointForwardOnePass(), 1e-9 * Math.max(1, Math.abs(expected)));
        assertEquals(expected, b.hipparchusOnePass(), 1e-9 * Math.max(1, Math.abs(expected)));
    }
}
