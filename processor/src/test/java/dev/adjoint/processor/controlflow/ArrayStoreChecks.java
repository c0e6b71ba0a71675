package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;

/** What every test of the reverse sweep's array optimisations checks besides the gradient itself. */
final class ArrayStoreChecks {
    private ArrayStoreChecks() {}

    /**
     * {@link GradCheck#check}, and: the calls left this thread's stacks at the size they found them,
     * and a repeated reverse-mode call gives exactly the same value and gradient.
     */
    static Differentiated.Gradient verify(Differentiated f, Object... args) {
        DoubleStack doubles = DoubleStack.forThisThread();
        IntStack ints = IntStack.forThisThread();
        int doublesBefore = doubles.size();
        int intsBefore = ints.size();
        Differentiated.Gradient g = check(f, args);
        assertEquals(doublesBefore, doubles.size(), f.name() + ": doubles left on the stack");
        assertEquals(intsBefore, ints.size(), f.name() + ": ints left on the stack");
        assertSameGradient(g, f.gradient(GradCheck.deepCopy(args)), f.name() + " called again");
        return g;
    }

    static void assertSameGradient(Differentiated.Gradient expected, Differentiated.Gradient actual, String what) {
        assertEquals(expected.value(), actual.value(), 0.0, what + ": value");
        assertEquals(expected.components().keySet(), actual.components().keySet(), what);
        assertArrayEquals(
                expected.components().values().toArray(),
                actual.components().values().toArray(),
                what + ": gradient");
    }
}
