package dev.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.Dual;
import dev.adjoint.runtime.GradientCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The block drawn in docs/ARCHITECTURE.md: its generated gradient against finite differences, and its tangent. */
class MlpBlockTest {
    @ParameterizedTest
    @CsvSource({"0.5, -0.3, 1.2, 0.7, 0", "0.5, -0.3, 1.2, 0.7, 1", "-0.4, 0.9, 0.3, -1.1, 0"})
    void gradientAndTangent(double w10, double w11, double w20, double w21, int label) {
        double[] x = {0.8, -0.6};
        double[] w1 = {w10, w11}, w2 = {w20, w21};
        MlpBlockGrad.Block g = MlpBlockGrad.block(w1, w2, x, label);
        assertEquals(MlpBlock.block(w1, w2, x, label), g.value());
        double[] all = {w10, w11, w20, w21};
        double[] grad = {g.dw1()[0], g.dw1()[1], g.dw2()[0], g.dw2()[1]};
        GradientCheck.gradient(
                        v -> MlpBlock.block(new double[] {v[0], v[1]}, new double[] {v[2], v[3]}, x, label), all, grad)
                .assertPassed();
        double[] d1 = {0.3, -0.2}, d2 = {0.5, 0.1};
        Dual t = MlpBlockGrad.blockTangent(w1, d1, w2, d2, x, label);
        assertEquals(grad[0] * d1[0] + grad[1] * d1[1] + grad[2] * d2[0] + grad[3] * d2[1], t.tangent(), 1e-12);
    }
}
