package dev.adjoint.processor.frontend;

import com.sun.source.tree.MethodTree;
import java.util.HashSet;
import java.util.Set;

/**
 * Which array parameters a method writes elements of ({@code v[i] = …}, {@code v[i] += …},
 * {@code v[i]++}, {@code m[i][j] = …}). Its derivative methods work on a copy of such a
 * parameter, so a caller that reads the array after the call would see the write in the primal
 * and not in the derivatives: the front end rejects that call.
 */
public final class WrittenParameters {
    private WrittenParameters() {}

    public static Set<Integer> of(MethodTree method) {
        Set<Integer> written = new HashSet<>();
        if (method.getBody() == null) return written;
        Set<String> bases = Assigned.in(method.getBody()).elementBases;
        for (int i = 0; i < method.getParameters().size(); i++) {
            if (bases.contains(method.getParameters().get(i).getName().toString())) written.add(i);
        }
        return written;
    }
}
