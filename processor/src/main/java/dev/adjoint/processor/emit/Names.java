package dev.adjoint.processor.emit;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Java names for generated locals, unique within one generated method. A value named by the
 * user keeps that name; later versions of the same variable are numbered ({@code t}, {@code t2},
 * {@code t3}), and so is any name already taken by a parameter. A name that ends in a digit takes
 * its number after an underscore ({@code u2}, {@code u2_2}), so that versions read as versions.
 */
final class Names {
    private final Set<String> taken = new HashSet<>();

    /** Claims {@code name} as is (a parameter's); returns false if it was taken already. */
    boolean reserve(String name) {
        return taken.add(name);
    }

    String fresh(String suggestion) {
        String base = SourceVersion.isIdentifier(suggestion) ? suggestion : "v";
        if (!SourceVersion.isKeyword(base) && taken.add(base)) return base;
        // numbering resumes where it stopped for this base: a long body names thousands of versions
        for (int k = nextNumber.getOrDefault(base, 2); ; k++) {
            String candidate = base + (Character.isDigit(base.charAt(base.length() - 1)) ? "_" : "") + k;
            if (taken.add(candidate)) {
                nextNumber.put(base, k + 1);
                return candidate;
            }
        }
    }

    private final java.util.Map<String, Integer> nextNumber = new java.util.HashMap<>();
}
