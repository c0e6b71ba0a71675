package dev.adjoint.benchmarks;

import static dev.adjoint.benchmarks.AdjointAgainstHandTest.close;
import static dev.adjoint.benchmarks.AdjointAgainstHandTest.dot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The generated derivatives of the independently written objectives against their hand-written
 * gradients (themselves checked by finite differences in {@link StylesHandGradientTest}), through
 * the benchmark classes, so their set-up is checked too: reverse mode component by component, the
 * tangent against the hand-written gradient dotted with the direction.
 */
class StylesAdjointTest {

    static final String[] GMM_SIZES = {"2,5,1000", "4,3,50", "10,25,40"};

    static void tangent(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void gmmLoops() {
        for (String size : GMM_SIZES) {
            GmmLoopsBench b = new GmmLoopsBench();
            b.size = size;
            b.setUp();
            double v = b.handWritten();
            double[] hand = Gradients.concat(b.ga, Gradients.concat(b.gm), Gradients.concat(b.gi));
            GmmLoopsGrad.Objective r = b.adjointReverse();
            assertEquals(v, r.value(), 1e-10 * Math.abs(v));
            assertEquals(v, b.objective(), 1e-10 * Math.abs(v));
            close(
                    hand,
                    Gradients.concat(r.dalphas(), Gradients.concat(r.dmeans()), Gradients.concat(r.dicf())),
                    1e-10,
                    "reverse " + size);
            double[] dir = Gradients.concat(b.da, Gradients.concat(b.dm), Gradients.concat(b.di));
            tangent(dot(hand, dir), b.adjointForwardOnePass(), "tangent " + size);
        }
    }

    @Test
    void gmmTextbook() {
        for (String size : GMM_SIZES) {
            GmmTextbookBench b = new GmmTextbookBench();
            b.size = size;
            b.setUp();
            double v = b.handWritten();
            double[] hand = Gradients.concat(b.ga, b.gm, b.gi);
            GmmTextbookGrad.LogLikelihood r = b.adjointReverse();
            assertEquals(v, r.value(), 1e-10 * Math.abs(v));
            assertEquals(v, b.objective(), 1e-10 * Math.abs(v));
            close(hand, Gradients.concat(r.dalphas(), r.dmeans(), r.dicf()), 1e-10, "reverse " + size);
            tangent(dot(hand, Gradients.concat(b.da, b.dm, b.di)), b.adjointForwardOnePass(), "tangent " + size);
        }
    }

    @Test
    void gmmHelpers() {
        for (String size : GMM_SIZES) {
            GmmHelpersBench b = new GmmHelpersBench();
            b.size = size;
            b.setUp();
            double v = b.handWritten();
            double[] hand = Gradients.concat(b.ga, b.gm, b.gi);
            GmmHelpersGrad.Gmm r = b.adjointReverse();
            assertEquals(v, r.value(), 1e-10 * Math.abs(v));
            assertEquals(v, b.objective(), 1e-10 * Math.abs(v));
            close(hand, Gradients.concat(r.dalphas(), r.dmeans(), r.dicf()), 1e-10, "reverse " + size);
            tangent(dot(hand, Gradients.concat(b.da, b.dm, b.di)), b.adjointForwardOnePass(), "tangent " + size);
        }
    }

    @Test
    void mlpLayers() {
        MlpLayersBench b = new MlpLayersBench();
        b.setUp();
        double v = b.handWritten();
        double[] hand = Gradients.concat(Gradients.concat(b.g1), Gradients.concat(b.g2));
        MlpLayersGrad.Loss r = b.adjointReverse();
        assertEquals(v, r.value(), 1e-12 * Math.abs(v));
        assertEquals(b.p.loss(), b.objective(), 1e-12 * Math.abs(v));
        close(hand, Gradients.concat(Gradients.concat(r.dw1()), Gradients.concat(r.dw2())), 1e-12, "reverse");
        double[] dir = Gradients.concat(Gradients.concat(b.d1), Gradients.concat(b.d2));
        tangent(dot(hand, dir), b.adjointForwardOnePass(), "tangent");
    }

    @Test
    void mlpPerSample() {
        MlpPerSampleBench b = new MlpPerSampleBench();
        b.setUp();
        double v = b.handWritten();
        double[] hand = Gradients.concat(b.g1, b.g2);
        MlpPerSampleGrad.Loss r = b.adjointReverse();
        assertEquals(v, r.value(), 1e-12 * Math.abs(v));
        assertEquals(b.p.loss(), b.objective(), 1e-12 * Math.abs(v));
        close(hand, Gradients.concat(r.dw1(), r.dw2()), 1e-12, "reverse");
        tangent(dot(hand, Gradients.concat(b.d1, b.d2)), b.adjointForwardOnePass(), "tangent");
    }

    @Test
    void mlpHelpers() {
        MlpHelpersBench b = new MlpHelpersBench();
        b.setUp();
        double v = b.handWritten();
        double[] hand = Gradients.concat(b.g1, b.g2);
        MlpHelpersGrad.Loss r = b.adjointReverse();
        assertEquals(v, r.value(), 1e-12 * Math.abs(v));
        assertEquals(b.p.loss(), b.objective(), 1e-12 * Math.abs(v));
        close(hand, Gradients.concat(r.dw1(), r.dw2()), 1e-12, "reverse");
        tangent(dot(hand, Gradients.concat(b.d1, b.d2)), b.adjointForwardOnePass(), "tangent");
    }

    @Test
    void lstm() {
        for (String size : new String[] {"2,1024,14", "3,20,4", "1,2,5"}) {
            LstmBench b = new LstmBench();
            b.size = size;
            b.setUp();
            double v = b.handWritten();
            double[] hand = Gradients.concat(b.gmain, b.gextra);
            LstmGrad.Loss r = b.adjointReverse();
            assertEquals(v, r.value(), 1e-12 * Math.abs(v));
            assertEquals(v, b.objective(), 1e-12 * Math.abs(v));
            close(hand, Gradients.concat(r.dmainParams(), r.dextraParams()), 1e-10, "reverse " + size);
            tangent(dot(hand, Gradients.concat(b.dmain, b.dextra)), b.adjointForwardOnePass(), "tangent " + size);
        }
    }
}
