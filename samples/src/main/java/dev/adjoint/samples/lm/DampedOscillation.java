package dev.adjoint.samples.lm;

import dev.adjoint.Differentiable;
import java.util.Random;

/**
 * A damped oscillation y(t) = A·exp(−λt)·cos(ωt + φ), the model of the least-squares sample
 * {@link FitOscillation}, with parameters p = (A, λ, ω, φ).
 *
 * <p>{@link #residuals} is plain Java marked {@code @Differentiable(wrt = "p")}: the processor
 * generates {@code DampedOscillationGrad.residualsJacobian(p, t, y)}, whose {@code dp} is the
 * Jacobian the fit uses (forward mode, since four parameters are fewer than the hundreds of
 * residuals). {@link #handWrittenJacobian} is the same matrix by hand, kept as the tests' oracle:
 * they check it against finite differences, and the generated one against it.
 */
public final class DampedOscillation {

    /** The parameters the noisy data are drawn from: A = 2, λ = 0.3, ω = 2.5, φ = 0.4. */
    public static final double[] TRUE_PARAMETERS = {2.0, 0.3, 2.5, 0.4};

    private DampedOscillation() {}

    /** Sample times and noisy observations. */
    public record Data(double[] t, double[] y) {}

    /**
     * {@code count} observations at evenly spaced t in [0, 10] of the oscillation with {@link
     * #TRUE_PARAMETERS}, plus Gaussian noise of standard deviation {@code sigma}, seeded.
     */
    public static Data noisyData(int count, double sigma, long seed) {
        Random random = new Random(seed);
        double[] t = new double[count];
        double[] y = new double[count];
        double[] p = TRUE_PARAMETERS;
        for (int i = 0; i < count; i++) {
            t[i] = 10.0 * i / (count - 1);
            y[i] = p[0] * Math.exp(-p[1] * t[i]) * Math.cos(p[2] * t[i] + p[3]) + sigma * random.nextGaussian();
        }
        return new Data(t, y);
    }

    /** The residuals r_i = A·exp(−λ t_i)·cos(ω t_i + φ) − y_i. */
    @Differentiable(wrt = "p")
    public static double[] residuals(double[] p, double[] t, double[] y) {
        double amplitude = p[0];
        double decay = p[1];
        double frequency = p[2];
        double phase = p[3];
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = amplitude * Math.exp(-decay * t[i]) * Math.cos(frequency * t[i] + phase) - y[i];
        }
        return r;
    }

    /**
     * ∂r_i/∂p_j, a {@code t.length × 4} matrix, written by hand (the shape of the generated
     * Jacobian's {@code dp}), as the tests' oracle: with e = exp(−λt), θ = ωt + φ,
     * ∂/∂A = e cos θ, ∂/∂λ = −t A e cos θ, ∂/∂ω = −t A e sin θ, ∂/∂φ = −A e sin θ.
     */
    public static double[][] handWrittenJacobian(double[] p, double[] t) {
        double[][] jacobian = new double[t.length][4];
        for (int i = 0; i < t.length; i++) {
            double envelope = Math.exp(-p[1] * t[i]);
            double angle = p[2] * t[i] + p[3];
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            jacobian[i][0] = envelope * cos;
            jacobian[i][1] = -t[i] * p[0] * envelope * cos;
            jacobian[i][2] = -t[i] * p[0] * envelope * sin;
            jacobian[i][3] = -p[0] * envelope * sin;
        }
        return jacobian;
    }
}
