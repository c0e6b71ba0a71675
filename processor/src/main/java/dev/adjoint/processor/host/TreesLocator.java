package dev.adjoint.processor.host;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's {@link Trees} for a processing environment, also when the host hands the
 * processor a wrapper around javac's own environment (Gradle's incremental processing, IntelliJ).
 * Never throws: when there is no Tree API (Eclipse's compiler) or nothing unwraps, the result is
 * empty and the caller reports that Adjoint needs javac.
 */
public final class TreesLocator {
    /** Wrappers nest one or two deep in practice; the bound only guards against odd object graphs. */
    private static final int MAX_DEPTH = 8;

    private TreesLocator() {}

    /** The Tree API for {@code env}, unwrapping host wrappers as needed; empty if there is none. */
    public static Optional<Trees> locate(ProcessingEnvironment env) {
        if (env == null) {
            return Optional.empty();
        }
        try {
            Object trees = search(env, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
            // The cast is erased: this class never names Trees in bytecode, so loading it cannot fail.
            @SuppressWarnings("unchecked")
            Optional<Trees> found = (Optional<Trees>) (Optional<?>) Optional.ofNullable(trees);
            return found;
        } catch (LinkageError | RuntimeException e) {
            // com.sun.source is missing or unusable here (not javac): report "no trees", not a crash.
            return Optional.empty();
        }
    }

    /** How the host's environment is named in the processor's "needs javac" error. */
    public static String hostDescription(ProcessingEnvironment env) {
        return env == null ? "null" : env.getClass().getName();
    }

    private static Object search(ProcessingEnvironment env, int depth, Set<Object> seen) {
        if (depth > MAX_DEPTH || !seen.add(env)) {
            return null;
        }
        Object trees = Javac.treesOrNull(env);
        if (trees != null) {
            return trees;
        }
        for (ProcessingEnvironment inner : delegatesOf(env)) {
            trees = search(inner, depth + 1, seen);
            if (trees != null) {
                return trees;
            }
        }
        return null;
    }

    /**
     * Environments a wrapper holds. Field names differ between hosts (Gradle's {@code delegate},
     * IntelliJ's captured {@code val$delegateTo}, ...), so any instance field holding one counts.
     */
    private static List<ProcessingEnvironment> delegatesOf(ProcessingEnvironment env) {
        Object holder = env;
        if (Proxy.isProxyClass(env.getClass())) {
            // A proxy's own fields live in java.base and are closed; its state sits in the handler.
            holder = Proxy.getInvocationHandler(env);
        }
        List<ProcessingEnvironment> found = new ArrayList<>();
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            Field[] fields;
            try {
                fields = c.getDeclaredFields();
            } catch (RuntimeException | LinkageError e) {
                continue; // a field type that does not resolve in this loader: skip the class
            }
            for (Field f : fields) {
                ProcessingEnvironment value = readEnv(f, holder);
                if (value != null) {
                    found.add(value);
                }
            }
        }
        return found;
    }

    private static ProcessingEnvironment readEnv(Field f, Object holder) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
            return null;
        }
        try {
            // trySetAccessible says no (rather than throwing) for closed modules; still guard the rest.
            if (!f.trySetAccessible()) {
                return null;
            }
            Object value = f.get(holder);
            return value instanceof ProcessingEnvironment ? (ProcessingEnvironment) value : null;
        } catch (RuntimeException | IllegalAccessException | LinkageError e) {
            return null;
        }
    }

    /**
     * The only code that touches com.sun.source, in its own class so that no load or verification
     * of TreesLocator can ever need it: without the Tree API the failure surfaces as a LinkageError
     * inside {@link #locate}, which catches it.
     */
    private static final class Javac {
        static Object treesOrNull(ProcessingEnvironment env) {
            try {
                return Trees.instance(env);
            } catch (RuntimeException | AssertionError e) {
                // IllegalArgumentException: not javac's own environment, so the caller tries what it
                // wraps. AssertionError: Trees.instance wraps its own reflective failures in one.
                return null;
            }
        }
    }
}
