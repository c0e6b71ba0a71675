package dev.adjoint.spark;

import dev.adjoint.samples.mlp.Parameters;
import java.io.Serializable;

/**
 * The MLP's shape, which is all an executor needs to turn the flat weight vector that a step
 * ships ({@link Parameters#flatten}: {@code [W1, b1, W2, b2]}) back into the four arrays the
 * generated gradient takes.
 *
 * @param inputs features of an example
 * @param hidden hidden units
 * @param classes output classes
 */
record Layout(int inputs, int hidden, int classes) implements Serializable {

    static Layout of(Parameters p) {
        return new Layout(p.inputs(), p.hidden(), p.classes());
    }

    /** How many numbers the flat vector holds. */
    int size() {
        return inputs * hidden + hidden + hidden * classes + classes;
    }

    /** The four arrays read from {@code flat}, laid out as {@link Parameters#flatten} writes them. */
    Parameters unflatten(double[] flat) {
        Parameters shape = new Parameters(
                new double[inputs * hidden], new double[hidden], new double[hidden * classes], new double[classes]);
        return shape.unflatten(flat);
    }
}
