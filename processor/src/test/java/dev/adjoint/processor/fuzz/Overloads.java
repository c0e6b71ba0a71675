package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Feature {@link Feature#OVERLOADS} (issue 16): a helper that is an annotated overload of an
 * earlier helper, and usually calls it. Inside the generator and the {@link Analyzer} it keeps a
 * name of its own, {@code h0$2} (the helper {@code h2} overloading {@code h0}); it is printed
 * {@code h0}, and javac picks the overload at each call by its arguments, which the overloads'
 * different parameter counts make unambiguous. Their generated records get distinct names
 * ({@code H0_double} and {@code H0_double_doubleArray_int}, API.md, *Overloads*), which the callers'
 * derivative code names.
 */
final class Overloads {
    private Overloads() {}

    /** The name Java sees: {@code h0} for {@code h0$2}. */
    static String javaName(String name) {
        int i = name.indexOf('$');
        return i < 0 ? name : name.substring(0, i);
    }

    /**
     * Helper {@code k} as an overload of one of the helpers before it, or null when none of a few
     * tries gives one that javac and the generated code can tell apart from its siblings.
     */
    static Method overloadOf(List<Method> earlier, int k, Random r, Set<String> excluded, Analyzer an) {
        String base = javaName(earlier.get(r.nextInt(earlier.size())).name());
        String name = base + "$" + k;
        for (int attempt = 0; attempt < 6; attempt++) {
            Method m = new Generator(r, excluded, an).helper(name, 4 + r.nextInt(6));
            if (!distinct(m, earlier)) continue;
            // prefer one that calls a sibling: the overloads then call each other
            if (attempt < 4 && AstWalk.names(m).stream().noneMatch(n -> n.startsWith(base + "$") || n.equals(base)))
                continue;
            return m;
        }
        return null;
    }

    /** Throws {@link Invalid} when two methods print with one name but javac or Adjoint could not tell them apart. */
    static void check(List<Method> methods) {
        for (int i = 0; i < methods.size(); i++) {
            if (!distinct(methods.get(i), methods.subList(0, i))) {
                throw new Invalid("overloads alike: " + methods.get(i).name());
            }
        }
    }

    /**
     * Whether {@code m} differs from every method of {@code others} printed with its name: in its
     * parameter count (so that no call is ambiguous), and in the parameters of its generated
     * {@code mTangent} and {@code mHvp} (each differentiated parameter followed by its tangent).
     */
    private static boolean distinct(Method m, List<Method> others) {
        for (Method o : others) {
            if (!javaName(o.name()).equals(javaName(m.name()))) continue;
            if (o.params().size() == m.params().size() || tangentTypes(o).equals(tangentTypes(m))) return false;
        }
        return true;
    }

    private static List<T> tangentTypes(Method m) {
        List<T> out = new ArrayList<>();
        for (Param p : m.params()) {
            out.add(p.type());
            if (m.differentiated(p)) out.add(p.type());
        }
        return out;
    }
}
