package dev.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosenbrockDescentTest {

    @Test
    void descentFromTheStandardStartReachesTheMinimum() {
        RosenbrockDescent.Result r = RosenbrockDescent.descend(
                RosenbrockDescent.START_X, RosenbrockDescent.START_Y, RosenbrockDescent.DEFAULT_BUDGET);
        assertTrue(r.converged(), r::toString);
        assertEquals(1.0, r.x(), 1e-8, r::toString);
        assertEquals(1.0, r.y(), 1e-8, r::toString);
        assertTrue(r.value() < 1e-16, r::toString);
        assertTrue(r.gradientNorm() <= RosenbrockDescent.GRADIENT_TOLERANCE, r::toString);
        assertTrue(r.iterations() < RosenbrockDescent.DEFAULT_BUDGET, r::toString);
    }

    @Test
    void descentFromOtherStartsReachesTheMinimum() {
        double[][] starts = {{0, 0}, {2, 2}, {-1.5, 2.5}, {1.2, 1.2}};
        for (double[] s : starts) {
            RosenbrockDescent.Result r = RosenbrockDescent.descend(s[0], s[1], RosenbrockDescent.DEFAULT_BUDGET);
            assertTrue(r.converged(), r::toString);
            assertEquals(1.0, r.x(), 1e-8, r::toString);
            assertEquals(1.0, r.y(), 1e-8, r::toString);
        }
    }

    @Test
    void everyStepDecreasesTheFunction() {
        List<Double> values = new ArrayList<>();
        RosenbrockDescent.Result r = RosenbrockDescent.descend(
                RosenbrockDescent.START_X,
                RosenbrockDescent.START_Y,
                RosenbrockDescent.DEFAULT_BUDGET,
                RosenbrockDescent.GRADIENT_TOLERANCE,
                (i, x, y, f, g, t) -> values.add(f));
        assertTrue(values.size() > 5);
        for (int k = 1; k < values.size(); k++) {
            assertTrue(values.get(k) < values.get(k - 1), "not decreasing at report " + k + ": " + values);
        }
        assertTrue(r.converged());
    }

    @Test
    void stopsAtTheIterationBudget() {
        RosenbrockDescent.Result r =
                RosenbrockDescent.descend(RosenbrockDescent.START_X, RosenbrockDescent.START_Y, 10);
        assertFalse(r.converged());
        assertEquals(10, r.iterations());
        assertEquals(11, r.gradientEvaluations());
        assertTrue(r.value() < Rosenbrock.rosenbrock(-1.2, 1.0));
    }

    @Test
    void mainPrintsAPassingGradientCheckAndTheResult() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            RosenbrockDescent.main(new String[] {"100000"});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Converged"), out);
        assertTrue(out.contains("Gradient check passed"), out);
    }
}
