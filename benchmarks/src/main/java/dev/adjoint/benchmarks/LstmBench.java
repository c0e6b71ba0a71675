package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * ADBench's LSTM ({@link Lstm}) at ADBench's smallest size (size "l,c,b": 2 layers, 1,024
 * characters of 14 bits): the objective, its hand-written gradient, Adjoint's reverse mode and
 * one forward (tangent) pass.
 */
public class LstmBench extends BenchmarkSettings {
    @Param({"2,1024,14"})
    public String size;

    Lstm.Data p;
    double[] gmain;
    double[] gextra;
    double[] tape;
    double[] dmain;
    double[] dextra;

    @Setup
    public void setUp() {
        p = data(size);
        gmain = new double[p.mainParams.length];
        gextra = new double[p.extraParams.length];
        tape = new double[Lstm.tapeLength(p.l, p.c, p.b)];
        dmain = Gradients.direction(p.mainParams.length, 8);
        dextra = Gradients.direction(p.extraParams.length, 9);
    }

    static Lstm.Data data(String size) {
        String[] s = size.split(",");
        return new Lstm.Data(Integer.parseInt(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]), 17);
    }

    @Benchmark
    public double objective() {
        return Lstm.loss(p.mainParams, p.extraParams, p.state, p.sequence, p.l, p.c, p.b);
    }

    @Benchmark
    public double handWritten() {
        return Lstm.handGradient(p.mainParams, p.extraParams, p.state, p.sequence, p.l, p.c, p.b, gmain, gextra, tape);
    }

    @Benchmark
    public LstmGrad.Loss adjointReverse() {
        return LstmGrad.loss(p.mainParams, p.extraParams, p.state, p.sequence, p.l, p.c, p.b);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return LstmGrad.lossTangent(p.mainParams, dmain, p.extraParams, dextra, p.state, p.sequence, p.l, p.c, p.b)
                .tangent();
    }
}
