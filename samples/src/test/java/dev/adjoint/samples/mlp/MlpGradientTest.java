package dev.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.Dual;
import dev.adjoint.runtime.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated gradient of the MLP loss of Goodfellow, Bengio and Courville, <i>Deep Learning</i>,
 * §6.5.7, against an independent gradient derived by hand along that section's two paths, weight
 * decay and cross-entropy (the one place in the sample where a derivative is written by hand).
 * The comments number the paths as they branch: 1 is weight decay, 2 the cross-entropy, 2.1 its
 * step back to U2, which branches to W2 (2.1.1) and to H (2.1.2), and so on down to W1.
 */
class MlpGradientTest {

    /**
     * Back-propagation as §6.5.7 works it out, spelled out: the gradient of {@link Mlp#loss} with
     * respect to {@code W1, b1, W2, b2}, path by path.
     */
    static Parameters handDerivedGradient(Parameters p, double[][] x, int[] labels, double lambda) {
        int n = x.length;
        int in = p.inputs();
        int hidden = p.hidden();
        int classes = p.classes();
        double[] w1 = p.w1();
        double[] w2 = p.w2();

        // forward pass, keeping U1, H and U2
        double[][] u1 = new double[n][hidden];
        double[][] h = new double[n][hidden];
        double[][] u2 = new double[n][classes];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < hidden; j++) {
                double u = p.b1()[j];
                for (int i = 0; i < in; i++) {
                    u += x[e][i] * w1[i * hidden + j];
                }
                u1[e][j] = u;
                h[e][j] = Math.max(0, u);
            }
            for (int k = 0; k < classes; k++) {
                double u = p.b2()[k];
                for (int j = 0; j < hidden; j++) {
                    u += h[e][j] * w2[j * classes + k];
                }
                u2[e][k] = u;
            }
        }

        double[] dw1 = new double[w1.length];
        double[] db1 = new double[hidden];
        double[] dw2 = new double[w2.length];
        double[] db2 = new double[classes];

        // Path 1, the regulariser: 2λW1 and 2λW2.
        for (int k = 0; k < w1.length; k++) {
            dw1[k] = 2 * lambda * w1[k];
        }
        for (int k = 0; k < w2.length; k++) {
            dw2[k] = 2 * lambda * w2[k];
        }

        // Path 2.1: G = ∇_{U2} J = (softmax(U2) - Y) / n, Y the one-hot labels.
        double[][] gU2 = new double[n][classes];
        for (int e = 0; e < n; e++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, u2[e][k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(u2[e][k] - max);
            }
            for (int k = 0; k < classes; k++) {
                double softmax = Math.exp(u2[e][k] - max) / sum;
                gU2[e][k] = (softmax - (labels[e] == k ? 1 : 0)) / n;
            }
        }

        // Path 2.1.1: ∇_{W2} += Hᵀ G (and ∇_{b2} = the column sums of G).
        for (int e = 0; e < n; e++) {
            for (int k = 0; k < classes; k++) {
                db2[k] += gU2[e][k];
                for (int j = 0; j < hidden; j++) {
                    dw2[j * classes + k] += h[e][j] * gU2[e][k];
                }
            }
        }

        // Path 2.1.2: ∇_H = G W2ᵀ.
        double[][] gH = new double[n][hidden];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < hidden; j++) {
                for (int k = 0; k < classes; k++) {
                    gH[e][j] += gU2[e][k] * w2[j * classes + k];
                }
            }
        }

        // Path 2.1.2.1: ∇_{U1} = ∇_H ⊙ G', G' = 1 where U1 > 0, else 0 (ReLU).
        double[][] gU1 = new double[n][hidden];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < hidden; j++) {
                gU1[e][j] = u1[e][j] > 0 ? gH[e][j] : 0;
            }
        }

        // Path 2.1.2.1.1: ∇_{W1} += Xᵀ ∇_{U1} (and ∇_{b1} = the column sums of ∇_{U1}).
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < hidden; j++) {
                db1[j] += gU1[e][j];
                for (int i = 0; i < in; i++) {
                    dw1[i * hidden + j] += x[e][i] * gU1[e][j];
                }
            }
        }
        return new Parameters(dw1, db1, dw2, db2);
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < expected.length; k++) {
            int at = k;
            assertEquals(expected[k], actual[k], 1e-12 * Math.max(1, scale), () -> what + "[" + at + "]");
        }
    }

    private static void assertGeneratedMatchesHandDerived(Parameters p, double[][] x, int[] y, double lambda) {
        MlpGrad.Loss g = MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), x, y, lambda);
        Parameters hand = handDerivedGradient(p, x, y, lambda);
        assertEquals(Mlp.loss(p.w1(), p.b1(), p.w2(), p.b2(), x, y, lambda), g.value(), 0.0);
        assertClose(hand.w1(), g.dw1(), "dW1 (paths 1 and 2.1.2.1.1)");
        assertClose(hand.b1(), g.db1(), "db1 (path 2.1.2.1)");
        assertClose(hand.w2(), g.dw2(), "dW2 (paths 1 and 2.1.1)");
        assertClose(hand.b2(), g.db2(), "db2 (path 2.1)");
    }

    private static double[][] randomBatch(int n, int in, Random r) {
        double[][] x = new double[n][in];
        for (double[] row : x) {
            for (int i = 0; i < in; i++) {
                row[i] = r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void generatedGradientFollowsTheSeedsPathsOnASmallNetwork() {
        Random r = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int in = 1 + r.nextInt(6);
            int hidden = 1 + r.nextInt(7);
            int classes = 2 + r.nextInt(4);
            int n = 1 + r.nextInt(8);
            Parameters p = Parameters.init(in, hidden, classes, r);
            for (int j = 0; j < hidden; j++) {
                p.b1()[j] = 0.3 * r.nextGaussian();
            }
            for (int k = 0; k < classes; k++) {
                p.b2()[k] = 0.3 * r.nextGaussian();
            }
            double[][] x = randomBatch(n, in, r);
            int[] y = r.ints(n, 0, classes).toArray();
            assertGeneratedMatchesHandDerived(p, x, y, trial % 3 == 0 ? 0 : 0.01 * trial);
        }
    }

    @Test
    void generatedGradientFollowsTheSeedsPathsOnADigitsMinibatch() {
        TrainMlp.Task task = TrainMlp.Task.digits();
        Dataset batch = task.split().train().subset(new int[] {0, 5, 17, 99, 250, 1000, 1437});
        Parameters p = Trainer.initialParameters(task.split().train(), task.config());
        assertGeneratedMatchesHandDerived(p, batch.x(), batch.y(), task.config().lambda());
    }

    @Test
    void largeScoresDoNotOverflow() {
        // The max shift keeps exp() finite even when the scores are in the thousands.
        Random r = new Random(3);
        Parameters p = Parameters.init(3, 4, 3, r);
        for (int k = 0; k < p.w2().length; k++) {
            p.w2()[k] *= 500;
        }
        double[][] x = randomBatch(5, 3, r);
        int[] y = {0, 1, 2, 1, 0};
        MlpGrad.Loss g = MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), x, y, 0.001);
        assertEquals(true, Double.isFinite(g.value()));
        assertGeneratedMatchesHandDerived(p, x, y, 0.001);
    }

    @Test
    void generatedGradientAgreesWithFiniteDifferences() {
        TrainMlp.Task task = TrainMlp.Task.spirals();
        GradientCheck.Report report = TrainMlp.checkGradient(task);
        report.assertPassed();
        assertEquals(322, report.size());
    }

    @Test
    void forwardModeIsTheGradientAlongADirection() {
        Random r = new Random(11);
        Parameters p = Parameters.init(4, 5, 3, r);
        Parameters d = Parameters.init(4, 5, 3, r);
        for (int j = 0; j < 5; j++) {
            d.b1()[j] = r.nextGaussian();
        }
        double[][] x = randomBatch(6, 4, r);
        int[] y = {0, 1, 2, 2, 1, 0};
        double lambda = 0.02;
        Dual dual = MlpGrad.lossTangent(p.w1(), d.w1(), p.b1(), d.b1(), p.w2(), d.w2(), p.b2(), d.b2(), x, y, lambda);
        MlpGrad.Loss g = MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), x, y, lambda);
        double[] grad = new Parameters(g.dw1(), g.db1(), g.dw2(), g.db2()).flatten();
        double[] dir = d.flatten();
        double dot = 0;
        for (int k = 0; k < grad.length; k++) {
            dot += grad[k] * dir[k];
        }
        assertEquals(dot, dual.tangent(), 1e-12 * Math.max(1, Math.abs(dot)));
        assertEquals(g.value(), dual.value(), 0.0);
    }

    @Test
    void derivativesLeaveTheArgumentsAlone() {
        Random r = new Random(5);
        Parameters p = Parameters.init(3, 4, 2, r);
        double[] before = p.flatten();
        double[][] x = randomBatch(4, 3, r);
        double[][] xBefore = {x[0].clone(), x[1].clone(), x[2].clone(), x[3].clone()};
        MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), x, new int[] {0, 1, 1, 0}, 0.1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, p.flatten(), 0.0);
        for (int e = 0; e < 4; e++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(xBefore[e], x[e], 0.0);
        }
    }
}
