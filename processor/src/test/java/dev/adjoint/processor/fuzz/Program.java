package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One program under test: a {@code @Differentiable} method and the helpers it may call. */
record Program(List<Method> helpers, Method method) {
    static final String PACKAGE = "fuzz";

    Program {
        helpers = List.copyOf(helpers);
    }

    /** Validates with a fresh analyzer; throws {@link Analyzer.Invalid}. */
    void validate(boolean allowParamAssign) {
        Analyzer an = new Analyzer(allowParamAssign);
        for (Method h : helpers) {
            an.addHelper(h);
        }
        an.method(method);
        List<Method> all = new ArrayList<>(helpers);
        all.add(method);
        Overloads.check(all);
    }

    /** This program without helpers that the method does not reach. */
    Program pruned() {
        Set<String> used = reachable(helpers, List.of(method));
        List<Method> hs = new ArrayList<>();
        for (Method h : helpers) {
            if (used.contains(h.name())) {
                hs.add(h);
            }
        }
        return new Program(hs, method);
    }

    /** Names (variables, constants, methods) reachable from {@code roots} through helper calls. */
    static Set<String> reachable(List<Method> helpers, List<Method> roots) {
        Set<String> used = new HashSet<>();
        List<Method> work = new ArrayList<>(roots);
        while (!work.isEmpty()) {
            Method m = work.remove(work.size() - 1);
            for (String n : AstWalk.names(m)) {
                if (used.add(n)) {
                    for (Method h : helpers) {
                        if (h.name().equals(n)) {
                            work.add(h);
                        }
                    }
                }
            }
        }
        return used;
    }

    /** {@code -Dadjoint.fuzz.implicit=true}: some helpers are written without {@code @Differentiable}. */
    static final boolean IMPLICIT = Boolean.getBoolean("adjoint.fuzz.implicit");

    /**
     * Whether helper {@code m} is written as a private method without {@code @Differentiable}, which
     * Adjoint differentiates from its body when the method under test calls it: with
     * {@link #IMPLICIT}, half the helpers without {@code wrt} (by name, so that a program prints the
     * same every time); under {@code order = 2} too, where they are differentiated twice.
     */
    static boolean implicit(Method m, List<Method> helpers, List<Method> methods) {
        return IMPLICIT
                && helpers.contains(m)
                && !methods.contains(m)
                && m.wrt().isEmpty()
                && (m.name().hashCode() & 1) == 0;
    }

    /**
     * Java source of class {@code cls} holding {@code helpers} and {@code methods}; with
     * {@code minimal}, only the constants and plain helpers they use.
     */
    static String classSource(String cls, List<Method> helpers, List<Method> methods, boolean minimal) {
        List<Method> all = new ArrayList<>(helpers);
        all.addAll(methods);
        Set<String> used = minimal ? reachable(helpers, all) : null;
        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(PACKAGE).append(";\n\n");
        sb.append("import dev.adjoint.DerivativeOf;\n");
        sb.append("import dev.adjoint.Differentiable;\n\n");
        sb.append("final class ").append(cls).append(" {\n");
        int fieldsAt = sb.length();
        boolean any = false;
        for (Prelude.Constant c : Prelude.CONSTANTS) {
            if (used == null || used.contains(c.name())) {
                sb.append("  ").append(Prelude.constantSource(c));
                any = true;
            }
        }
        for (String p : new LinkedHashSet<>(List.of("weight", "mix", "bias"))) {
            if (used == null || used.contains(p)) {
                sb.append(any ? "\n" : "").append("  ").append(Prelude.PLAIN_SOURCE.get(p));
                any = true;
            }
        }
        if (used == null || used.contains(Prelude.RULED)) {
            sb.append(any ? "\n" : "")
                    .append("  ")
                    .append(Prelude.ruledSource())
                    .append("\n");
            any = true;
        }
        for (Method m : all) {
            // with -Dadjoint.fuzz.vector=true each method under test goes through a vector-valued variant
            boolean vector = VectorVariant.enabled() && methods.contains(m) && !helpers.contains(m);
            // under order = 2, about half the helpers are left at order 1: a method with order = 2
            // calls their Hvp all the same, which the processor generates for its callers
            boolean order2 = SecondOrderOracle.ON
                    && (!helpers.contains(m) || Math.floorMod(m.name().hashCode(), 2) == 0);
            String source = vector
                    ? VectorVariant.print(m, "  ")
                    : implicit(m, helpers, methods)
                            ? AstPrinter.print(m, false, order2, "  ")
                                    .replaceFirst("static double", "private static double")
                            : AstPrinter.print(m, true, order2, "  ");
            sb.append(any ? "\n" : "").append(source);
            any = true;
        }
        sb.append("}\n");
        // the String and enum fields, where some switch selects on them
        if (sb.indexOf("switch (label") >= 0 || sb.indexOf("switch (pick") >= 0)
            sb.insert(fieldsAt, Switches.FIELDS + "\n");
        return sb.toString();
    }

    String source(String cls) {
        return classSource(cls, helpers, List.of(method), true);
    }
}
