package dev.adjoint.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Compares a gradient (or a directional derivative) with central finite differences, for use in
 * your own tests.
 *
 * <pre>{@code
 * ToDoubleFunction<double[]> f = p -> Models.rosenbrock(p[0], p[1]);
 * double[] x = {-1.2, 1.0};
 * ModelsGrad.Rosenbrock r = ModelsGrad.rosenbrock(x[0], x[1]);
 * GradientCheck.gradient(f, x, new double[] {r.dx(), r.dy()}).assertPassed();
 *
 * Dual d = ModelsGrad.rosenbrockTangent(x[0], 0.6, x[1], 0.8);
 * GradientCheck.directional(f, x, new double[] {0.6, 0.8}, d.tangent()).assertPassed();
 * }</pre>
 *
 * <h2>How the finite differences are taken</h2>
 *
 * <p>Coordinate {@code i} of the gradient is compared with {@code (f(x + h e_i) - f(x - h e_i))
 * / (2h)} where {@code h = step * max(1, |x_i|)}, so the step stays relative to large
 * coordinates and absolute near zero. The default step, {@link #DEFAULT_STEP} = {@code
 * eps^(1/3)} (about 6.1e-6), balances the truncation error of central differences (which grows
 * like {@code h^2}) against rounding error (which grows like {@code eps / h}). The denominator is
 * the distance between the two points as actually represented in floating point, not the
 * nominal {@code 2h}.
 *
 * <p>A directional check compares with {@code (f(x + t d) - f(x - t d)) / (2t)} where {@code t =
 * step * max(1, max_i |x_i|) / max_i |d_i|}: the coordinate that moves most moves by about the
 * step a gradient check would use. A zero direction has derivative 0 and is not evaluated.
 *
 * <h2>When an entry passes</h2>
 *
 * <p>An entry with analytic value {@code a} and finite difference {@code n} passes when both are
 * finite and {@code |a - n| <= absolute + relative * max(|a|, |n|)}. The defaults are {@link
 * #DEFAULT_ABSOLUTE_TOLERANCE} = 1e-6 and {@link #DEFAULT_RELATIVE_TOLERANCE} = 1e-5: central
 * differences on smooth functions of moderate size are usually accurate to 1e-8 or better, so
 * these catch real mistakes without flagging rounding noise. Loosen them (with {@link
 * #withTolerance}) for functions whose values are large, badly scaled or only piecewise smooth
 * near {@code x}. NaN or infinite values, analytic or numeric, always fail.
 *
 * <p>Nothing is ever written to {@code x}, the gradient or the direction: {@code f} receives a
 * fresh copy on every call, so even a function that modifies its argument gets correct inputs.
 * {@code f} is called {@code 2 * x.length} times for a gradient check and twice for a
 * directional one.
 */
public final class GradientCheck {

    /** The default base step, {@code cbrt(ulp(1.0))}, about 6.06e-6. */
    public static final double DEFAULT_STEP = Math.cbrt(Math.ulp(1.0));

    /** The default relative tolerance, 1e-5. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-5;

    /** The default absolute tolerance, 1e-6. */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-6;

    private static final Settings DEFAULTS =
            new Settings(DEFAULT_STEP, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE);

    private GradientCheck() {}

    /**
     * Checks every coordinate of {@code gradient} against central differences of {@code f} at
     * {@code x}, with the default step and tolerances.
     *
     * @throws IllegalArgumentException if {@code gradient.length != x.length}
     * @param f the function
     * @param x the point, only read
     * @param gradient the gradient claimed at {@code x}
     * @return the report, entry by entry
     */
    public static Report gradient(ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
        return DEFAULTS.gradient(f, x, gradient);
    }

    /**
     * Checks a forward-mode directional derivative ({@code tangent}, the derivative of {@code f}
     * at {@code x} along {@code direction}) against a central difference along that direction,
     * with the default step and tolerances.
     *
     * @throws IllegalArgumentException if {@code direction.length != x.length}
     * @param f the function
     * @param x the point, only read
     * @param direction the direction
     * @param tangent the directional derivative claimed at {@code x} along {@code direction}
     * @return the report, one entry
     */
    public static Report directional(ToDoubleFunction<double[]> f, double[] x, double[] direction, double tangent) {
        return DEFAULTS.directional(f, x, direction, tangent);
    }

    /**
     * Settings with base step {@code step} (scaled as described above) and default tolerances.
     *
     * @param step the base step, positive
     * @return the settings
     */
    public static Settings withStep(double step) {
        return DEFAULTS.step(step);
    }

    /**
     * Settings with the given tolerances and the default step.
     *
     * @param relative the relative tolerance
     * @param absolute the absolute tolerance
     * @return the settings
     */
    public static Settings withTolerance(double relative, double absolute) {
        return DEFAULTS.tolerance(relative, absolute);
    }

    /**
     * An immutable choice of step and tolerances, e.g. {@code
     * GradientCheck.withStep(1e-4).tolerance(1e-4, 1e-8).gradient(f, x, g)}.
     */
    public static final class Settings {
        private final double step;
        private final double relative;
        private final double absolute;

        private Settings(double step, double relative, double absolute) {
            if (!(step > 0) || Double.isInfinite(step)) {
                throw new IllegalArgumentException("step must be positive and finite: " + step);
            }
            if (!(relative >= 0 && absolute >= 0) || Double.isInfinite(relative) || Double.isInfinite(absolute)) {
                throw new IllegalArgumentException(
                        "tolerances must be finite and >= 0: relative " + relative + ", absolute " + absolute);
            }
            this.step = step;
            this.relative = relative;
            this.absolute = absolute;
        }

        /**
         * A copy with base step {@code step}; the actual step is {@code step * max(1, |x_i|)}.
         *
         * @param step the base step, positive
         * @return a new settings object
         */
        public Settings step(double step) {
            return new Settings(step, relative, absolute);
        }

        /**
         * A copy where an entry passes when {@code |a - n| <= absolute + relative * max(|a|,|n|)}.
         *
         * @param relative the relative tolerance
         * @param absolute the absolute tolerance
         * @return a new settings object
         */
        public Settings tolerance(double relative, double absolute) {
            return new Settings(step, relative, absolute);
        }

        /**
         * Like {@link GradientCheck#gradient}, with these settings.
         *
         * @param f the function
         * @param x the point, only read
         * @param gradient the gradient claimed at {@code x}
         * @return the report, entry by entry
         */
        public Report gradient(ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
            requireInputs(f, x, gradient, "gradient");
            List<Entry> entries = new ArrayList<>(x.length);
            for (int i = 0; i < x.length; i++) {
                entries.add(entry(i, gradient[i], partial(f, x, i)));
            }
            return new Report(this, false, entries);
        }

        /**
         * Like {@link GradientCheck#directional}, with these settings.
         *
         * @param f the function
         * @param x the point, only read
         * @param direction the direction
         * @param tangent the directional derivative claimed at {@code x} along {@code direction}
         * @return the report, one entry
         */
        public Report directional(ToDoubleFunction<double[]> f, double[] x, double[] direction, double tangent) {
            requireInputs(f, x, direction, "direction");
            double numeric = alongDirection(f, x, direction);
            return new Report(this, true, List.of(entry(-1, tangent, numeric)));
        }

        private double partial(ToDoubleFunction<double[]> f, double[] x, int i) {
            double h = step * Math.max(1, Math.abs(x[i]));
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] = x[i] + h;
            minus[i] = x[i] - h;
            // x[i] + h is rounded, so divide by the step that was really taken.
            double width = plus[i] - minus[i];
            return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / width;
        }

        private double alongDirection(ToDoubleFunction<double[]> f, double[] x, double[] d) {
            double dMax = maxAbs(d);
            if (dMax == 0) {
                return 0;
            }
            double t = step * Math.max(1, maxAbs(x)) / dMax;
            double[] plus = new double[x.length];
            double[] minus = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                plus[i] = x[i] + t * d[i];
                minus[i] = x[i] - t * d[i];
            }
            return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * t);
        }

        private Entry entry(int index, double analytic, double numeric) {
            if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
                double inf = Double.POSITIVE_INFINITY;
                return new Entry(index, analytic, numeric, inf, inf, false);
            }
            double error = Math.abs(analytic - numeric);
            double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
            double relativeError = scale == 0 ? 0 : error / scale;
            return new Entry(index, analytic, numeric, error, relativeError, error <= allowed(scale));
        }

        double allowed(double scale) {
            return absolute + relative * scale;
        }

        /** The pass rule in words, as printed at the top of a report. */
        String criterion() {
            return String.format(
                    Locale.ROOT, "|analytic - fd| <= %.1e + %.1e * max(|analytic|, |fd|)", absolute, relative);
        }

        double baseStep() {
            return step;
        }

        @Override
        public String toString() {
            return "GradientCheck.Settings[step=" + step + ", relative=" + relative + ", absolute=" + absolute + "]";
        }
    }

    /**
     * One compared value: a gradient coordinate, or the single value of a directional check.
     *
     * @param index the coordinate, or -1 in a directional check
     * @param analytic the derivative that was passed in
     * @param finiteDifference the central-difference estimate
     * @param absoluteError {@code |analytic - finiteDifference|}; +Infinity if either is not finite
     * @param relativeError the absolute error over {@code max(|analytic|, |finiteDifference|)}, 0
     *     when both are 0; +Infinity if either is not finite
     * @param passed whether the entry is within tolerance (never when a value is not finite)
     */
    public record Entry(
            int index,
            double analytic,
            double finiteDifference,
            double absoluteError,
            double relativeError,
            boolean passed) {

        /**
         * Whether both the analytic value and the finite difference are finite numbers.
         *
         * @return whether both are finite
         */
        public boolean finite() {
            return Double.isFinite(analytic) && Double.isFinite(finiteDifference);
        }
    }

    /**
     * The outcome of a check. {@link #toString()} is a table meant to be read in a test failure;
     * {@link #assertPassed()} throws it as an {@link AssertionError}.
     */
    public static final class Report {
        private final Settings settings;
        private final boolean directional;
        private final List<Entry> entries;
        private final int worst;

        private Report(Settings settings, boolean directional, List<Entry> entries) {
            this.settings = settings;
            this.directional = directional;
            this.entries = List.copyOf(entries);
            this.worst = worstPosition();
        }

        /**
         * Whether every entry is within tolerance.
         *
         * @return whether the check passed
         */
        public boolean passed() {
            return failureCount() == 0;
        }

        /**
         * How many entries are outside tolerance or not finite.
         *
         * @return the number of failing entries
         */
        public int failureCount() {
            return (int) entries.stream().filter(e -> !e.passed()).count();
        }

        /**
         * The largest absolute error; +Infinity if some value is not finite, 0 if there are none.
         *
         * @return the largest absolute error
         */
        public double maxAbsoluteError() {
            return entries.stream().mapToDouble(Entry::absoluteError).max().orElse(0);
        }

        /**
         * The largest relative error; +Infinity if some value is not finite, 0 if there are none.
         *
         * @return the largest relative error
         */
        public double maxRelativeError() {
            return entries.stream().mapToDouble(Entry::relativeError).max().orElse(0);
        }

        /**
         * The coordinate whose error is largest compared with what its tolerance allows (so a
         * failing coordinate, if any); -1 for a directional check or an empty gradient.
         *
         * @return the index, or -1
         */
        public int worstIndex() {
            return worst < 0 ? -1 : entries.get(worst).index();
        }

        /**
         * Whether this report comes from a directional check (one entry, index -1).
         *
         * @return whether the check was directional
         */
        public boolean isDirectional() {
            return directional;
        }

        /**
         * The number of entries: {@code x.length} for a gradient check, 1 for a directional one.
         *
         * @return the number of entries
         */
        public int size() {
            return entries.size();
        }

        /**
         * Entry {@code i}: coordinate {@code i}, or the only entry ({@code 0}) if directional.
         *
         * @param i the entry's index
         * @return the entry
         */
        public Entry entry(int i) {
            return entries.get(i);
        }

        /**
         * All entries, in coordinate order; unmodifiable.
         *
         * @return the entries
         */
        public List<Entry> entries() {
            return entries;
        }

        /**
         * Returns this report if it passed, so it can be chained or kept.
         *
         * @throws AssertionError carrying {@link #toString()} if any entry failed
         * @return this report
         */
        public Report assertPassed() {
            if (!passed()) {
                throw new AssertionError(toString());
            }
            return this;
        }

        /** A header with the verdict and pass rule, then an aligned table of entries. */
        @Override
        public String toString() {
            return new ReportTable(this).render();
        }

        Settings settings() {
            return settings;
        }

        /** Position in {@link #entries} of the worst entry, or -1 when there is none. */
        int worstPosition() {
            int position = -1;
            double worstRatio = -1;
            for (int k = 0; k < entries.size(); k++) {
                double ratio = exceedance(entries.get(k));
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    position = k;
                }
            }
            return position;
        }

        // Error over allowed error: above 1 fails. Ranks entries fairly across magnitudes, which
        // neither the absolute nor the relative error alone does.
        private double exceedance(Entry e) {
            if (!e.finite()) {
                return Double.POSITIVE_INFINITY;
            }
            double allowed = settings.allowed(Math.max(Math.abs(e.analytic()), Math.abs(e.finiteDifference())));
            if (allowed == 0) {
                return e.absoluteError() == 0 ? 0 : Double.POSITIVE_INFINITY;
            }
            return e.absoluteError() / allowed;
        }
    }

    private static void requireInputs(ToDoubleFunction<double[]> f, double[] x, double[] other, String otherName) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(other, otherName);
        if (other.length != x.length) {
            throw new IllegalArgumentException(
                    otherName + " has length " + other.length + " but x has length " + x.length);
        }
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double value : v) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
