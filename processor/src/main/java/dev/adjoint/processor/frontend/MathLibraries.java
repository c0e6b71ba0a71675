package dev.adjoint.processor.frontend;

import dev.adjoint.processor.graph.MathFunction;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * The classes whose functions take the derivative rules of {@code java.lang.Math}: Math and
 * StrictMath, and the libraries' {@code FastMath} classes, which compute the same functions (to
 * within an ulp or so) with the same special cases. Only the overloads on doubles whose name and
 * arity are rows of {@link MathFunction} match: FastMath's extras (e.g. {@code FastMath.log(base,
 * x)} has Math's name but not its meaning) are refused by that same row lookup because their
 * arity or parameter types differ, and stay ordinary calls. The one exception taken on purpose is
 * {@code pow(double, int)} and {@code pow(double, long)}, which FastMath offers besides Math's
 * {@code pow(double, double)} and which are the same function of the same arguments.
 */
final class MathLibraries {
    private static final Set<String> MIRRORS_OF_MATH = Set.of(
            "org.hipparchus.util.FastMath",
            "org.apache.commons.math3.util.FastMath",
            "org.apache.commons.math.util.FastMath",
            "org.apache.commons.math4.core.jdkmath.AccurateMath",
            "org.apache.commons.math4.core.jdkmath.JdkMath");

    private MathLibraries() {}

    /** Whether calls on {@code owner} are calls of Math functions (rule or not): a missing rule is then NoRule, not OpaqueCall. */
    static boolean isMath(String owner) {
        return owner.equals("java.lang.Math")
                || owner.equals("java.lang.StrictMath")
                || MIRRORS_OF_MATH.contains(owner);
    }

    /** The Math function {@code m} computes, with the receiver the generated code calls it on; empty if it is none. */
    static Optional<MathFunction.Call> call(ExecutableElement m) {
        String owner =
                ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString();
        if (!isMath(owner)) return Optional.empty();
        List<? extends VariableElement> ps = m.getParameters();
        boolean allDouble = ps.stream().allMatch(p -> p.asType().getKind() == TypeKind.DOUBLE);
        String name = m.getSimpleName().toString();
        boolean mirror = MIRRORS_OF_MATH.contains(owner);
        boolean integerPower = mirror
                && name.equals("pow")
                && ps.size() == 2
                && ps.get(0).asType().getKind() == TypeKind.DOUBLE
                && (ps.get(1).asType().getKind() == TypeKind.INT
                        || ps.get(1).asType().getKind() == TypeKind.LONG);
        if (!allDouble && !integerPower) return Optional.empty();
        return MathFunction.byJavaName(name, ps.size())
                .map(f -> new MathFunction.Call(f, owner.equals("java.lang.StrictMath"), mirror ? owner : null));
    }
}
