package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The stacks' peak (doubles and ints held at once) of one reverse call of each issue-17 style at
 * its benchmark's size, printed for BENCHMARKS.md; each call must pop all it pushed. The figures
 * themselves are held by the tests of the rules that set them ({@link GmmTextbookStacksTest},
 * {@link DiffusionReactionTest}).
 */
class StackPeaksTest {
    private record Peak(long doubles, long ints) {}

    private static Peak peak(Supplier<?> reverse) {
        DoubleStack doubles = DoubleStack.forThisThread();
        IntStack ints = IntStack.forThisThread();
        reverse.get(); // warm: the stacks grow once
        doubles.resetHighWater();
        ints.resetHighWater();
        int doublesBefore = doubles.size(), intsBefore = ints.size();
        reverse.get();
        assertEquals(doublesBefore, doubles.size(), "every double pushed is popped");
        assertEquals(intsBefore, ints.size(), "every int pushed is popped");
        return new Peak(doubles.highWater() - doublesBefore, ints.highWater() - intsBefore);
    }

    private static void print(String style, Peak p) {
        System.out.printf("stack peak | %s | %,d doubles | %,d ints%n", style, p.doubles(), p.ints());
    }

    @Test
    void everyStyleAtItsBenchmarkSize() {
        GmmLoopsBench gmmLoops = new GmmLoopsBench();
        gmmLoops.size = "10,25,1000";
        gmmLoops.setUp();
        print("GmmLoops 10,25,1000", peak(gmmLoops::adjointReverse));
        GmmTextbookBench gmmTextbook = new GmmTextbookBench();
        gmmTextbook.size = "10,25,1000";
        gmmTextbook.setUp();
        print("GmmTextbook 10,25,1000", peak(gmmTextbook::adjointReverse));
        GmmHelpersBench gmmHelpers = new GmmHelpersBench();
        gmmHelpers.size = "10,25,1000";
        gmmHelpers.setUp();
        print("GmmHelpers 10,25,1000", peak(gmmHelpers::adjointReverse));
        MlpLayersBench mlpLayers = new MlpLayersBench();
        mlpLayers.setUp();
        print("MlpLayers", peak(mlpLayers::adjointReverse));
        MlpPerSampleBench mlpPerSample = new MlpPerSampleBench();
        mlpPerSample.setUp();
        print("MlpPerSample", peak(mlpPerSample::adjointReverse));
        MlpHelpersBench mlpHelpers = new MlpHelpersBench();
        mlpHelpers.setUp();
        print("MlpHelpers", peak(mlpHelpers::adjointReverse));
        LstmBench lstm = new LstmBench();
        lstm.size = "2,1024,14";
        lstm.setUp();
        print("Lstm 2,1024,14", peak(lstm::adjointReverse));
        DiffusionReaction.Data p = DiffusionReaction.Data.of(400, 2000);
        print(
                "DiffusionReaction copyBack 400,2000",
                peak(() ->
                        DiffusionReactionGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx())));
        print(
                "DiffusionReaction swapped 400,2000",
                peak(() -> DiffusionReactionGrad.swapped(p.u0(), p.d(), p.r(), p.target(), p.steps(), p.dt(), p.dx())));
    }
}
