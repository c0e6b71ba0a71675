package dev.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.samples.mlp.BatchGradient;
import dev.adjoint.samples.mlp.Dataset;
import dev.adjoint.samples.mlp.MlpGrad;
import dev.adjoint.samples.mlp.Parameters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shard arithmetic without Spark (so it runs on every JDK): shards' weighted gradients add
 * up to the whole minibatch's, whichever way the examples are dealt out.
 */
class ShardTest {

    private static final double LAMBDA = 1e-3;

    private final Dataset data = Dataset.spirals(40, 1.5, 0.02, 5);
    private final Parameters p = Parameters.init(2, 6, 2, new Random(3));

    /** Deals the examples to {@code count} shards round-robin, as no real partitioner would. */
    private List<Shard> shards(int count) {
        List<List<Example>> dealt = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            dealt.add(new ArrayList<>());
        }
        List<Example> all = Example.of(data);
        for (int e = 0; e < all.size(); e++) {
            dealt.get(e % count).add(all.get(e));
        }
        List<Shard> shards = new ArrayList<>();
        for (List<Example> part : dealt) {
            Iterator<Shard> one = Shard.of(part.iterator());
            shards.add(one.next());
        }
        return shards;
    }

    private static MlpGrad.Loss sum(List<Shard> shards, Parameters p, int[] sortedBatch) {
        GradientSum total = new GradientSum(Layout.of(p).size());
        for (Shard s : shards) {
            total.merge(s.addTo(new GradientSum(Layout.of(p).size()), p, sortedBatch, LAMBDA));
        }
        return total.toLoss(Layout.of(p));
    }

    @Test
    void weightedShardsSumToTheWholeMinibatch() {
        int[] batch = {3, 4, 10, 11, 12, 50, 51, 77};
        MlpGrad.Loss whole = BatchGradient.onThisMachine(data, LAMBDA).at(p, batch);
        for (int count : new int[] {1, 2, 3, 7}) {
            MlpGrad.Loss parts = sum(shards(count), p, batch);
            assertEquals(whole.value(), parts.value(), 1e-14, count + " shards");
            assertArrayEquals(whole.dw1(), parts.dw1(), 1e-14, count + " shards");
            assertArrayEquals(whole.db1(), parts.db1(), 1e-14, count + " shards");
            assertArrayEquals(whole.dw2(), parts.dw2(), 1e-14, count + " shards");
            assertArrayEquals(whole.db2(), parts.db2(), 1e-14, count + " shards");
        }
    }

    @Test
    void aShardWithoutMembersAddsNothing() {
        Shard odd = shards(2).get(1); // positions 1, 3, 5, ...
        GradientSum empty = new GradientSum(Layout.of(p).size());
        MlpGrad.Loss after = odd.addTo(empty, p, new int[] {0, 2, 4}, LAMBDA).toLoss(Layout.of(p));
        assertEquals(0.0, after.value());
        assertArrayEquals(new double[p.w1().length], after.dw1());
    }
}
