package dev.adjoint.processor.host;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.util.Elements;

/**
 * Whether the module of a class being compiled reads a given module, so that generated code
 * names only what that class may name. {@code @javax.annotation.processing.Generated} lives in
 * {@code java.compiler}, which a named module reads only if it requires it (directly or through
 * a {@code requires transitive}, as {@code java.se} does): without this check a modular user
 * would need {@code requires static java.compiler} just for the generated class to compile.
 */
public final class ModuleReads {
    private ModuleReads() {}

    /**
     * True when {@code element}'s module reads the module named {@code name}: always for the
     * unnamed module (class-path builds) and for sources older than modules.
     */
    public static boolean reads(Elements elements, Element element, String name) {
        ModuleElement start = elements.getModuleOf(element);
        if (start == null || start.isUnnamed() || start.getQualifiedName().contentEquals(name)) return true;
        Deque<ModuleElement> todo = new ArrayDeque<>();
        Set<ModuleElement> seen = new HashSet<>();
        // the module's own requires, then only what those pass on with requires transitive
        for (ModuleElement.Directive d : start.getDirectives()) {
            if (d instanceof ModuleElement.RequiresDirective r) todo.add(r.getDependency());
        }
        while (!todo.isEmpty()) {
            ModuleElement m = todo.pop();
            if (!seen.add(m)) continue;
            if (m.getQualifiedName().contentEquals(name)) return true;
            for (ModuleElement.Directive d : m.getDirectives()) {
                if (d instanceof ModuleElement.RequiresDirective r && r.isTransitive()) todo.add(r.getDependency());
            }
        }
        return false;
    }
}
