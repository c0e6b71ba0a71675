package dev.adjoint.spark;

import dev.adjoint.samples.mlp.Dataset;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One training example as Spark moves it: its features, its class, and its position in the
 * training set, which is how a minibatch (a list of positions) finds it on whichever executor
 * holds it.
 *
 * @param position the example's index in the training set
 * @param x its features
 * @param label its class
 */
public record Example(int position, double[] x, int label) implements Serializable {

    /** Every example of {@code data}, in order, each with its index as its position. */
    public static List<Example> of(Dataset data) {
        List<Example> all = new ArrayList<>(data.size());
        for (int e = 0; e < data.size(); e++) {
            all.add(new Example(e, data.x()[e], data.y()[e]));
        }
        return all;
    }
}
