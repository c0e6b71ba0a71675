package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What {@code @Checkpointed} costs in time: the gradient of the same time loop with and without
 * checkpointing, side by side, on Lotka–Volterra over 10⁶ Euler steps and on the diffusion–reaction
 * solver (400 cells, 2,000 steps, copy-back and swapped buffers). The target is a checkpointed
 * gradient within 3× the unmarked one; the primal runs once more, in segments.
 */
public class CheckpointBench extends BenchmarkSettings {
    DiffusionReaction.Data p;
    double[] rates;

    @Setup
    public void setUp() {
        p = DiffusionReaction.Data.of(400, 2000);
        rates = LotkaVolterra.rates();
    }

    @Benchmark
    public double odeObjective() {
        return LotkaVolterra.plain(rates, 10, 5, LotkaVolterra.STEPS, LotkaVolterra.H);
    }

    @Benchmark
    public LotkaVolterraGrad.Plain odeUnmarked() {
        return LotkaVolterraGrad.plain(rates, 10, 5, LotkaVolterra.STEPS, LotkaVolterra.H);
    }

    @Benchmark
    public LotkaVolterraGrad.Checkpointed odeCheckpointed() {
        return LotkaVolterraGrad.checkpointed(rates, 10, 5, LotkaVolterra.STEPS, LotkaVolterra.H);
    }

    @Benchmark
    public DiffusionReactionGrad.CopyBack copyBackUnmarked() {
        return DiffusionReactionGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
    }

    @Benchmark
    public DiffusionReactionCheckpointedGrad.CopyBack copyBackCheckpointed() {
        return DiffusionReactionCheckpointedGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
    }

    @Benchmark
    public DiffusionReactionGrad.Swapped swappedUnmarked() {
        return DiffusionReactionGrad.swapped(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
    }

    @Benchmark
    public DiffusionReactionCheckpointedGrad.Swapped swappedCheckpointed() {
        return DiffusionReactionCheckpointedGrad.swapped(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx());
    }
}
