package dev.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.Dual;
import dev.adjoint.runtime.GradientCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChainRuleTest {

    private static final double[] POINTS = {-2.0, -1.0, -0.3, 0.0, 0.4, 1.0, 1.7};

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -1.0, -0.3, 0.0, 0.4, 1.0, 1.7})
    void backPropagatedDerivativeOfZAgreesWithCentralDifferences(double w) {
        ChainRuleGrad.Z z = ChainRuleGrad.z(w);
        GradientCheck.gradient(p -> ChainRule.z(p[0]), new double[] {w}, new double[] {z.dw()})
                .assertPassed();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -1.0, -0.3, 0.0, 0.4, 1.0, 1.7})
    void backPropagatedDerivativeOfFAgreesWithCentralDifferences(double w) {
        GradientCheck.gradient(p -> ChainRule.f(p[0]), new double[] {w}, new double[] {
                    ChainRuleGrad.f(w).dw()
                })
                .assertPassed();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -1.0, -0.3, 0.0, 0.4, 1.0, 1.7})
    void generatedValuesEqualTheOriginalMethods(double w) {
        assertEquals(ChainRule.f(w), ChainRuleGrad.f(w).value(), 0.0);
        assertEquals(ChainRule.z(w), ChainRuleGrad.z(w).value(), 0.0);
        assertEquals(ChainRule.z(w), ChainRuleGrad.zTangent(w, 1.0).value(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -1.0, -0.3, 0.0, 0.4, 1.0, 1.7})
    void derivativeOfFIsCosPlusW(double w) {
        // The one place a derivative is written by hand: an independent check of f' itself.
        assertEquals(Math.cos(w) + w, ChainRuleGrad.f(w).dw(), 1e-15 * (1 + Math.abs(w)));
        assertEquals(Math.cos(w) + w, ChainRuleGrad.fTangent(w, 1.0).tangent(), 1e-15 * (1 + Math.abs(w)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -1.0, -0.3, 0.0, 0.4, 1.0, 1.7})
    void dzdwIsTheSeedsProductOfLocalDerivatives(double w) {
        // dz/dw = f'(y) f'(x) f'(w) with x = f(w), y = f(x).
        double dw = ChainRuleGrad.z(w).dw();
        double product = ChainRule.productOfPartials(w);
        assertEquals(product, dw, 1e-14 * Math.max(1, Math.abs(product)));

        // Spelled out once more without the helper, from the generated f alone.
        double x = ChainRule.f(w);
        double y = ChainRule.f(x);
        double spelled = ChainRuleGrad.f(y).dw()
                * ChainRuleGrad.f(x).dw()
                * ChainRuleGrad.f(w).dw();
        assertEquals(spelled, dw, 1e-14 * Math.max(1, Math.abs(spelled)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, -1.0, 2.5, -0.125, 0.0})
    void forwardTangentIsDerivativeTimesDirection(double direction) {
        for (double w : POINTS) {
            double dw = ChainRuleGrad.z(w).dw();
            Dual dual = ChainRuleGrad.zTangent(w, direction);
            assertEquals(dw * direction, dual.tangent(), 1e-14 * Math.max(1, Math.abs(dw * direction)));
            GradientCheck.directional(
                            p -> ChainRule.z(p[0]), new double[] {w}, new double[] {direction}, dual.tangent())
                    .assertPassed();
        }
    }

    @Test
    void mainPrintsTheTable() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ChainRule.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("dz/dw back-prop"), out);
        assertTrue(out.lines().count() > 9, out);
    }
}
