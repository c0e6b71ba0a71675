package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The explicit diffusion–reaction solver of issue 17 (400 cells, 2,000 Euler steps): the
 * objective, Adjoint reverse mode on the copy-back and the swapped-buffers versions, and the
 * hand-written gradient that keeps the trajectory once. Run with {@code -prof gc} to see the
 * memory each keeps.
 */
public class DiffusionReactionBench extends BenchmarkSettings {
    @Param({"400,2000"})
    public String size;

    DiffusionReaction.Data p;
    double[] gradU0;
    double[] trajectory;
    double[] scratch;

    @Setup
    public void setUp() {
        String[] s = size.split(",");
        int n = Integer.parseInt(s[0]);
        int steps = Integer.parseInt(s[1]);
        p = DiffusionReaction.Data.of(n, steps);
        gradU0 = new double[n];
        trajectory = new double[DiffusionReaction.trajectoryLength(n, steps)];
        scratch = new double[n];
    }

    @Benchmark
    public double objective() {
        return p.copyBack();
    }

    @Benchmark
    public double objectiveSwapped() {
        return DiffusionReaction.swapped(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
    }

    @Benchmark
    public DiffusionReactionGrad.CopyBack adjointCopyBack() {
        return DiffusionReactionGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
    }

    @Benchmark
    public DiffusionReactionGrad.Swapped adjointSwapped() {
        return DiffusionReactionGrad.swapped(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
    }

    @Benchmark
    public double[] handWritten() {
        return DiffusionReaction.handGradient(
                p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx(), gradU0, trajectory, scratch);
    }
}
