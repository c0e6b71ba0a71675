package dev.adjoint.processor.frontend;

import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/** Picks the overload javac would pick, for the argument types of the subset. */
final class Overloads {
    private Overloads() {}

    static ExecutableElement mostSpecific(List<ExecutableElement> candidates, List<Type> args) {
        List<ExecutableElement> applicable = new ArrayList<>();
        for (ExecutableElement m : candidates) if (applicable(m, args)) applicable.add(m);
        for (ExecutableElement m : applicable) {
            if (applicable.stream().allMatch(other -> other == m || applicable(other, paramTypes(m)))) return m;
        }
        return null;
    }

    private static boolean applicable(ExecutableElement m, List<Type> args) {
        if (m.isVarArgs() || m.getParameters().size() != args.size()) return false;
        List<Type> params = paramTypes(m);
        for (int i = 0; i < args.size(); i++) {
            if (params.get(i) == null) return false;
            // a null argument (null type) is applicable to an array parameter, as javac's null type
            boolean fits = args.get(i) == null ? params.get(i).isArray() : Types2.widens(args.get(i), params.get(i));
            if (!fits) return false;
        }
        return true;
    }

    private static List<Type> paramTypes(ExecutableElement m) {
        List<Type> out = new ArrayList<>();
        // a String or enum parameter takes a String or enum parameter or field passed on as it is
        m.getParameters()
                .forEach(p -> out.add(
                        Types2.of(p.asType()) == null && ReferenceSelector.isStringOrEnum(p.asType())
                                ? Type.REFERENCE
                                : Types2.of(p.asType())));
        return out;
    }
}
