package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck.Entry;
import dev.adjoint.runtime.GradientCheck.Report;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    // f(x) = x0^2 x1 + sin(x2) + 1000 x1; the large coordinate exercises the scaled step.
    private static final ToDoubleFunction<double[]> F = p -> p[0] * p[0] * p[1] + Math.sin(p[2]) + 1000 * p[1];

    private static final double[] X = {1.5, -2.0, 250.0};

    private static double[] exactGradient(double[] p) {
        return new double[] {2 * p[0] * p[1], p[0] * p[0] + 1000, Math.cos(p[2])};
    }

    @Test
    void correctGradientPasses() {
        Report report = GradientCheck.gradient(F, X, exactGradient(X));

        assertTrue(report.passed(), report::toString);
        assertEquals(0, report.failureCount());
        assertEquals(3, report.size());
        assertTrue(report.maxAbsoluteError() < 1e-6, "max abs error " + report.maxAbsoluteError());
        // sin(x2) at x2 = 250 with h = 250 * 6e-6: truncation h^2/6 * |cos| is about 4e-7.
        assertTrue(report.maxRelativeError() < 1e-6, "max rel error " + report.maxRelativeError());
        assertTrue(report.entry(0).relativeError() < 1e-9, report::toString);
        assertEquals(-6.0, report.entry(0).analytic());
        assertEquals(-6.0, report.entry(0).finiteDifference(), 1e-7);
        assertSame(report, report.assertPassed());
    }

    @Test
    void wrongEntryFailsAndReportNamesIt() {
        double[] g = exactGradient(X);
        g[1] = 1000.0; // correct is 1002.25
        Report report = GradientCheck.gradient(F, X, g);

        assertFalse(report.passed());
        assertEquals(1, report.failureCount());
        assertEquals(1, report.worstIndex());
        Entry bad = report.entry(1);
        assertFalse(bad.passed());
        assertEquals(1, bad.index());
        assertEquals(1000.0, bad.analytic());
        assertEquals(1002.25, bad.finiteDifference(), 1e-6);
        assertEquals(2.25, bad.absoluteError(), 1e-6);
        assertEquals(2.25 / 1002.25, bad.relativeError(), 1e-9);
        assertEquals(2.25, report.maxAbsoluteError(), 1e-6);
        assertTrue(report.entry(0).passed() && report.entry(2).passed());

        String text = report.toString();
        assertTrue(
                text.startsWith("Gradient check FAILED: 1 of 3 entries outside tolerance, " + "worst at index 1"),
                text);
        String row = rowFor(text, "1");
        assertTrue(row.contains("1.000000000e+03"), row);
        assertTrue(row.contains("1.002250000e+03"), row);
        assertTrue(row.endsWith("FAIL"), row);
        assertTrue(rowFor(text, "0").endsWith("ok"), text);
    }

    @Test
    void assertPassedThrowsPlainAssertionErrorWithTheReport() {
        double[] g = exactGradient(X);
        g[0] = 0;
        Report report = GradientCheck.gradient(F, X, g);

        AssertionError error = assertThrows(AssertionError.class, report::assertPassed);
        assertEquals(AssertionError.class, error.getClass());
        assertEquals(report.toString(), error.getMessage());
    }

    @Test
    void directionalCheckPassesForTheRightTangent() {
        double[] d = {0.6, 0.8, -1.0};
        double tangent = dot(exactGradient(X), d);
        Report report = GradientCheck.directional(F, X, d, tangent);

        assertTrue(report.passed(), report::toString);
        assertTrue(report.isDirectional());
        assertEquals(1, report.size());
        assertEquals(-1, report.worstIndex());
        assertEquals(-1, report.entry(0).index());
        assertEquals(tangent, report.entry(0).finiteDifference(), 1e-6);
        assertTrue(report.toString().startsWith("Directional derivative check passed"));
    }

    @Test
    void directionalCheckFailsForAWrongTangent() {
        double[] d = {0.6, 0.8, -1.0};
        double tangent = dot(exactGradient(X), d);
        Report report = GradientCheck.directional(F, X, d, tangent + 0.5);

        assertFalse(report.passed());
        assertEquals(-1, report.worstIndex());
        assertEquals(0.5, report.maxAbsoluteError(), 1e-6);
        String text = report.toString();
        assertTrue(text.startsWith("Directional derivative check FAILED"), text);
        assertTrue(rowFor(text, "dir").endsWith("FAIL"), text);
        assertThrows(AssertionError.class, report::assertPassed);
    }

    @Test
    void zeroDirectionHasZeroDerivative() {
        double[] zero = new double[3];
        assertTrue(GradientCheck.directional(F, X, zero, 0.0).passed());
        assertFalse(GradientCheck.directional(F, X, zero, 1.0).passed());
    }

    @Test
    void nanAnalyticValueFails() {
        double[] g = exactGradient(X);
        g[2] = Double.NaN;
        Report report = GradientCheck.gradient(F, X, g);

        assertFalse(report.passed());
        assertEquals(2, report.worstIndex());
        assertFalse(report.entry(2).finite());
        assertEquals(Double.POSITIVE_INFINITY, report.maxAbsoluteError());
        assertEquals(Double.POSITIVE_INFINITY, report.maxRelativeError());
        String row = rowFor(report.toString(), "2");
        assertTrue(row.contains("FAIL") && row.contains("analytic is NaN"), row);
    }

    @Test
    void nonFiniteFiniteDifferenceFails() {
        // sqrt is undefined just left of 0, so the central difference there is NaN.
        Report report = GradientCheck.gradient(p -> Math.sqrt(p[0]), new double[] {0}, new double[] {0});

        assertFalse(report.passed());
        assertTrue(Double.isNaN(report.entry(0).finiteDifference()));
        assertTrue(report.toString().contains("finite difference is NaN"), report::toString);
    }

    @Test
    void infiniteAnalyticValueFailsEvenIfTheDifferenceIsInfiniteToo() {
        ToDoubleFunction<double[]> huge = p -> 1e308 * p[0] * 10;
        Report report = GradientCheck.gradient(huge, new double[] {1}, new double[] {Double.POSITIVE_INFINITY});
        assertFalse(report.passed());
        assertTrue(report.toString().contains("analytic is Infinity"), report::toString);
    }

    @Test
    void inputsAreNeverModifiedEvenByAFunctionThatWritesItsArgument() {
        double[] x = X.clone();
        double[] g = exactGradient(X);
        double[] gCopy = g.clone();
        double[] d = {1, 2, 3};
        ToDoubleFunction<double[]> vandal = p -> {
            double value = F.applyAsDouble(p);
            Arrays.fill(p, 1e9);
            return value;
        };

        Report report = GradientCheck.gradient(vandal, x, g);
        GradientCheck.directional(vandal, x, d, dot(g, d)).assertPassed();

        assertTrue(report.passed(), report::toString); // each call saw clean inputs
        assertArrayEquals(X, x);
        assertArrayEquals(gCopy, g);
        assertArrayEquals(new double[] {1, 2, 3}, d);
    }

    @Test
    void reportTextIsAnAlignedTable() {
        String text = GradientCheck.gradient(F, X, exactGradient(X)).toString();
        List<String> lines = text.lines().collect(Collectors.toList());

        assertEquals("Gradient check passed: all 3 entries within tolerance", lines.get(0));
        assertTrue(lines.get(1).startsWith("pass rule: |analytic - fd| <= 1.0e-06 + 1.0e-05"), text);
        assertTrue(lines.get(2).startsWith("finite differences: h_i = 6.06e-06"), text);
        String header = lines.get(3);
        for (String column : new String[] {"index", "analytic", "finite difference", "abs error", "rel error"}) {
            assertTrue(header.contains(column), header);
        }
        assertEquals(7, lines.size(), text);
        // Every number column ends where its header ends.
        int analyticEnd = header.indexOf("analytic") + "analytic".length();
        int fdEnd = header.indexOf("finite difference") + "finite difference".length();
        for (String row : lines.subList(4, 7)) {
            assertEquals(' ', row.charAt(analyticEnd), row);
            assertTrue(Character.isDigit(row.charAt(analyticEnd - 1)), row);
            assertTrue(Character.isDigit(row.charAt(fdEnd - 1)), row);
            assertTrue(row.endsWith("ok"), row);
        }
    }

    @Test
    void longReportShowsOnlyFailingAndWorstRows() {
        int n = 100;
        double[] x = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.01;
            g[i] = 2 * x[i];
        }
        g[57] += 1;
        g[83] += 0.1;
        ToDoubleFunction<double[]> sumOfSquares =
                p -> Arrays.stream(p).map(v -> v * v).sum();
        Report report = GradientCheck.gradient(sumOfSquares, x, g);

        assertEquals(2, report.failureCount());
        assertEquals(57, report.worstIndex());
        String text = report.toString();
        assertTrue(rowFor(text, "57").endsWith("FAIL"), text);
        assertTrue(rowFor(text, "83").endsWith("FAIL"), text);
        assertTrue(text.contains("... 98 of 100 entries not shown, all within tolerance"), text);
        assertEquals(7, text.lines().count(), text);
    }

    @Test
    void longPassingReportShowsTheWorstRow() {
        double[] x = new double[50];
        Arrays.fill(x, 1.0);
        double[] g = new double[50];
        Arrays.fill(g, 2.0);
        g[31] = 2.0 + 1e-6; // still within tolerance, but the closest to failing
        Report report =
                GradientCheck.gradient(p -> Arrays.stream(p).map(v -> v * v).sum(), x, g);

        assertTrue(report.passed(), report::toString);
        assertEquals(31, report.worstIndex());
        assertTrue(rowFor(report.toString(), "31").endsWith("ok"));
        assertTrue(report.toString().contains("49 of 50 entries not shown, all within tolerance"));
    }

    @Test
    void toleranceCanBeLoosened() {
        double[] g = exactGradient(X);
        g[0] *= 1 + 1e-3;
        assertFalse(GradientCheck.gradient(F, X, g).passed());
        assertTrue(GradientCheck.withTolerance(1e-2, 0).gradient(F, X, g).passed());
        assertTrue(GradientCheck.withStep(1e-5)
                .tolerance(1e-2, 0)
                .gradient(F, X, g)
                .passed());
    }

    @Test
    void stepIsUsed() {
        // For x^3 at 1, the central difference is exactly 3 + h^2.
        ToDoubleFunction<double[]> cube = p -> p[0] * p[0] * p[0];
        double[] x = {1};
        double[] g = {3};
        Report coarse = GradientCheck.withStep(0.1).gradient(cube, x, g);
        assertEquals(3.01, coarse.entry(0).finiteDifference(), 1e-12);
        assertFalse(coarse.passed());
        assertTrue(GradientCheck.withStep(1e-4).gradient(cube, x, g).passed());
    }

    @Test
    void stepScalesWithLargeCoordinates() {
        // At x = 1e6 a fixed step of 6e-6 would lose most digits to rounding; the scaled one is fine.
        ToDoubleFunction<double[]> square = p -> p[0] * p[0];
        Report report = GradientCheck.gradient(square, new double[] {1e6}, new double[] {2e6});
        assertTrue(report.passed(), report::toString);
        assertTrue(report.maxRelativeError() < 1e-9, report::toString);
    }

    @Test
    void emptyGradientPasses() {
        Report report = GradientCheck.gradient(p -> 1.0, new double[0], new double[0]);
        assertTrue(report.passed());
        assertEquals(-1, report.worstIndex());
        assertEquals(0, report.maxAbsoluteError());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.gradient(F, X, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.directional(F, X, new double[4], 0));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.withStep(0));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.withStep(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.withTolerance(-1, 0));
        assertThrows(NullPointerException.class, () -> GradientCheck.gradient(F, null, X));
    }

    /** The table row whose index cell is {@code index}. */
    private static String rowFor(String text, String index) {
        return text.lines()
                .filter(line -> line.strip().startsWith(index + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + index + " in\n" + text));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
