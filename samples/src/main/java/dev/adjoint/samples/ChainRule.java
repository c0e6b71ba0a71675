package dev.adjoint.samples;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.Dual;

/**
 * The chain-rule example of Goodfellow, Bengio and Courville, <i>Deep Learning</i>, section 6.5:
 * one function {@code f} applied three times,
 *
 * <pre>
 *   x = f(w),   y = f(x),   z = f(y),
 * </pre>
 *
 * whose derivative by the chain rule is
 *
 * <pre>
 *   dz/dw = f'(y) · f'(x) · f'(w) = f'(f(f(w))) · f'(f(w)) · f'(w).
 * </pre>
 *
 * <p>Evaluating that formula naively computes {@code f(w)} twice; back-propagation instead runs
 * forward-propagation once, keeps {@code x} and {@code y}, and walks the computational graph
 * backwards multiplying local derivatives. That is what the generated {@code ChainRuleGrad.z}
 * does. Nobody writes {@code f'} by hand here: it is read off the generated
 * {@code ChainRuleGrad.f(w).dw()}.
 *
 * <p>Run with {@code mvn -q -pl samples -am compile -Prun -Dsample.main=dev.adjoint.samples.ChainRule}.
 */
public final class ChainRule {

    private ChainRule() {}

    /** The repeated operation: smooth, non-linear, with {@code f'(w) = cos(w) + w}. */
    @Differentiable
    static double f(double w) {
        return Math.sin(w) + 0.5 * w * w;
    }

    /**
     * The computational graph {@code w → x → y → z} of Goodfellow, Bengio and Courville, <i>Deep
     * Learning</i>, §6.5.3, every edge an application of f.
     */
    @Differentiable
    static double z(double w) {
        double x = f(w);
        double y = f(x);
        return f(y);
    }

    /**
     * The chain rule's product {@code f'(y) · f'(x) · f'(w)} (§6.5.3), with {@code x = f(w)} and
     * {@code y = f(x)}, each {@code f'} taken from the generated reverse mode of {@code f}.
     */
    static double productOfPartials(double w) {
        ChainRuleGrad.F atW = ChainRuleGrad.f(w); // value x = f(w), derivative f'(w)
        ChainRuleGrad.F atX = ChainRuleGrad.f(atW.value()); // y = f(x), f'(x)
        ChainRuleGrad.F atY = ChainRuleGrad.f(atX.value()); // z = f(y), f'(y)
        return atY.dw() * atX.dw() * atW.dw();
    }

    public static void main(String[] args) {
        System.out.println("Chain rule through x = f(w), y = f(x), z = f(y) with f(w) = sin(w) + w^2/2");
        System.out.println();
        System.out.printf(
                "%6s  %14s  %22s  %22s  %22s%n",
                "w", "z", "dz/dw back-prop", "dz/dw forward mode", "f'(y) f'(x) f'(w)");
        double largestDifference = 0;
        for (double w : new double[] {-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5}) {
            ChainRuleGrad.Z reverse = ChainRuleGrad.z(w); // one forward pass, one backward pass
            Dual forward = ChainRuleGrad.zTangent(w, 1.0); // tangent 1 along w: dz/dw
            double product = productOfPartials(w);
            System.out.printf(
                    "%6.2f  %14.10f  %22.15f  %22.15f  %22.15f%n",
                    w, reverse.value(), reverse.dw(), forward.tangent(), product);
            largestDifference = Math.max(
                    largestDifference,
                    Math.max(Math.abs(reverse.dw() - forward.tangent()), Math.abs(reverse.dw() - product)));
        }
        System.out.println();
        System.out.println(
                "Back-propagation (ChainRuleGrad.z), forward mode (ChainRuleGrad.zTangent) and the chain rule's");
        System.out.printf(
                "product of local derivatives f'(y) f'(x) f'(w) differ by at most %.1e.%n", largestDifference);
    }
}
