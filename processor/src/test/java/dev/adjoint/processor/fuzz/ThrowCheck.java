package dev.adjoint.processor.fuzz;

import static dev.adjoint.processor.fuzz.Points.deepCopyAll;
import static dev.adjoint.processor.fuzz.Points.directionArgs;
import static dev.adjoint.processor.fuzz.Points.slots;

import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Checker.Kind;
import dev.adjoint.processor.fuzz.Checker.Outcome;
import dev.adjoint.processor.fuzz.Points.Slot;
import dev.adjoint.processor.testing.Differentiated;
import java.util.List;
import java.util.Objects;

/**
 * Points where the method throws on purpose, through an argument check of {@link Feature#THROW}:
 * the reverse-mode and tangent-mode methods must throw there too, the same exception class with the
 * same message (issue 16: "derivative methods throw the same exception at the same inputs").
 */
final class ThrowCheck {
    private ThrowCheck() {}

    /** Whether the primal's exception {@code t} is one an argument check of a generated method throws. */
    static boolean fromArgumentCheck(Throwable t) {
        return t != null
                && t.getMessage() != null
                && t.getMessage().endsWith(" out of range")
                && Generator.EXCEPTIONS.contains(t.getClass().getSimpleName());
    }

    /** THREW when both modes throw what the primal threw; else the failure. */
    static Outcome check(Differentiated f, Method m, Object[] args, Throwable thrown, String at) {
        Outcome reverse = same("reverse", () -> f.gradient(deepCopyAll(args)), thrown, at);
        if (reverse != null) {
            return reverse;
        }
        List<Slot> slots = slots(m);
        double[] unit = new double[slots.size()];
        if (unit.length > 0) {
            unit[0] = 1;
        }
        Object[] dir = directionArgs(m, slots, unit);
        Outcome tangent = same("tangent", () -> f.tangent(deepCopyAll(args), dir), thrown, at);
        return tangent != null ? tangent : Outcome.THREW;
    }

    private static Outcome same(String mode, Runnable call, Throwable thrown, String at) {
        try {
            call.run();
        } catch (AssertionError e) {
            Throwable c = e.getCause();
            if (c != null && c.getClass() == thrown.getClass() && Objects.equals(c.getMessage(), thrown.getMessage())) {
                return null;
            }
            return Outcome.fail(
                    Kind.THROW,
                    mode + " threw another exception",
                    mode + " mode threw " + (c != null ? c : e) + " where the primal threw " + thrown + at);
        }
        return Outcome.fail(
                Kind.THROW, mode + " did not throw", mode + " mode returned where the primal threw " + thrown + at);
    }
}
