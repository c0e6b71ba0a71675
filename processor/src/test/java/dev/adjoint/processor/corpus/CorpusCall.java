package dev.adjoint.processor.corpus;

import dev.adjoint.processor.corpus.CorpusSources.CorpusMethod;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.Dual;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calls one corpus method and, when it differentiates, its generated methods, by reflection.
 *
 * <p>The generated methods are found by their parameter types (the method's, behind the receiver
 * for an instance method; each differentiated parameter followed by its tangent for the tangent
 * method) and a name that starts with the method's, so the check keeps working when overloads get
 * distinct names. No corpus method names {@code wrt}, so its {@code double} and {@code double[]}
 * parameters are differentiated and the others ({@code int}, {@code long}) are constants.
 */
final class CorpusCall {

    /** One scalar input: parameter {@code param}, or element {@code element} of it when it is an array. */
    record Slot(int param, int element) {
        double get(Object[] args) {
            return element < 0 ? (Double) args[param] : ((double[]) args[param])[element];
        }

        /** A copy of {@code args} with this slot set to {@code v}. */
        Object[] with(Object[] args, double v) {
            Object[] out = copy(args);
            if (element < 0) {
                out[param] = v;
            } else {
                ((double[]) out[param])[element] = v;
            }
            return out;
        }

        String label() {
            return "argument " + param + (element < 0 ? "" : "[" + element + "]");
        }
    }

    private final CorpusMethod method;
    private final Class<?>[] types;
    private final Method primal;
    private final Object receiver;

    CorpusCall(TestCompiler.Compiled compiled, CorpusMethod method, CorpusPoints.Entry entry) {
        this.method = method;
        this.types = method.paramTypes().stream().map(CorpusCall::type).toArray(Class<?>[]::new);
        Class<?> owner = compiled.load(method.className());
        try {
            primal = owner.getDeclaredMethod(method.name(), types);
        } catch (NoSuchMethodException e) {
            throw new AssertionError("no method " + method.key(), e);
        }
        primal.setAccessible(true);
        receiver = Modifier.isStatic(primal.getModifiers()) ? null : receiver(owner, entry);
    }

    /** The arguments of a point of points.tsv, converted to the parameter types. */
    Object[] arguments(Object[] point) {
        if (point.length != types.length) {
            throw new AssertionError(method.key() + ": points.tsv gives " + point.length + " arguments");
        }
        Object[] args = new Object[point.length];
        for (int i = 0; i < point.length; i++) {
            Object p = point[i];
            args[i] = types[i] == double[].class
                    ? ((double[]) p).clone()
                    : types[i] == int.class
                            ? (Object) (int) (double) (Double) p
                            : types[i] == long.class ? (Object) (long) (double) (Double) p : p;
        }
        return args;
    }

    /** Every differentiated scalar of {@code args}, in parameter order. */
    List<Slot> slots(Object[] args) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == double.class) {
                slots.add(new Slot(i, -1));
            } else if (types[i] == double[].class) {
                for (int k = 0; k < ((double[]) args[i]).length; k++) {
                    slots.add(new Slot(i, k));
                }
            }
        }
        return slots;
    }

    double primal(Object[] args) {
        try {
            return (Double) primal.invoke(receiver, copy(args));
        } catch (InvocationTargetException e) {
            throw new AssertionError(method.key() + " threw at " + Arrays.deepToString(args), e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** The reverse-mode record's value, then the adjoint of every slot. */
    double[] reverse(Class<?> grad, Object[] args, List<Slot> slots) {
        List<Class<?>> parameters = new ArrayList<>(Arrays.asList(types));
        Object record = invoke(generated(grad, parameters, false), args);
        RecordComponent[] components = record.getClass().getRecordComponents();
        double[] out = new double[slots.size() + 1];
        out[0] = (Double) read(components[0], record);
        for (int s = 0; s < slots.size(); s++) {
            Slot slot = slots.get(s);
            Object adjoint = read(components[1 + differentiatedIndex(slot.param())], record);
            out[s + 1] = slot.element() < 0 ? (Double) adjoint : ((double[]) adjoint)[slot.element()];
        }
        return out;
    }

    /** The tangent-mode {@code Dual} along the unit direction of {@code along}. */
    Dual tangent(Class<?> grad, Object[] args, Slot along) {
        List<Class<?>> parameters = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            parameters.add(types[i]);
            values.add(args[i]);
            if (types[i] == double.class) {
                parameters.add(double.class);
                values.add(along.param() == i ? 1.0 : 0.0);
            } else if (types[i] == double[].class) {
                double[] direction = new double[((double[]) args[i]).length];
                if (along.param() == i) {
                    direction[along.element()] = 1;
                }
                parameters.add(double[].class);
                values.add(direction);
            }
        }
        return (Dual) invoke(generated(grad, parameters, true), values.toArray());
    }

    Class<?> gradClass(TestCompiler.Compiled compiled) {
        return compiled.load(Differentiated.gradClassName(primal.getDeclaringClass()));
    }

    private int differentiatedIndex(int param) {
        int index = 0;
        for (int i = 0; i < param; i++) {
            if (types[i] == double.class || types[i] == double[].class) {
                index++;
            }
        }
        return index;
    }

    private Method generated(Class<?> grad, List<Class<?>> parameters, boolean tangentMode) {
        List<Class<?>> expected = new ArrayList<>(parameters);
        if (receiver != null) {
            expected.add(0, primal.getDeclaringClass());
        }
        List<Method> found = new ArrayList<>();
        for (Method g : grad.getMethods()) {
            boolean named = g.getName().startsWith(method.name()) && g.getName().endsWith("Tangent") == tangentMode;
            boolean returns = tangentMode
                    ? g.getReturnType() == Dual.class
                    : g.getReturnType().isRecord();
            if (named
                    && returns
                    && Modifier.isStatic(g.getModifiers())
                    && Arrays.asList(g.getParameterTypes()).equals(expected)) {
                found.add(g);
            }
        }
        // distance, distance1 and distanceInf all start with "distance": the exact name decides
        String exact = tangentMode ? method.name() + "Tangent" : method.name();
        if (found.size() > 1 && found.stream().anyMatch(g -> g.getName().equals(exact))) {
            found.removeIf(g -> !g.getName().equals(exact));
        }
        if (found.size() != 1) {
            throw new AssertionError(
                    (tangentMode ? "tangent" : "reverse") + " method of " + method.key() + " with parameters "
                            + expected + ": found " + found + " among " + Arrays.toString(grad.getDeclaredMethods()));
        }
        return found.get(0);
    }

    /** Calls a generated method and checks that it left every argument as it was (API.md point 3). */
    private Object invoke(Method m, Object[] args) {
        Object[] before = copy(args);
        Object[] all = args;
        if (receiver != null) {
            all = new Object[args.length + 1];
            all[0] = receiver;
            System.arraycopy(args, 0, all, 1, args.length);
        }
        try {
            Object result = m.invoke(null, all);
            if (!Arrays.deepEquals(before, args)) {
                throw new AssertionError(m + " modified its arguments: " + Arrays.deepToString(before) + " became "
                        + Arrays.deepToString(args));
            }
            return result;
        } catch (InvocationTargetException e) {
            throw new AssertionError(
                    m.getName() + " threw for " + method.key() + " at " + Arrays.deepToString(args), e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private Object receiver(Class<?> owner, CorpusPoints.Entry entry) {
        if (entry.factory() == null) {
            throw new AssertionError(method.key() + " is an instance method: give points.tsv a receiver factory");
        }
        Class<?>[] factoryTypes = new Class<?>[entry.factoryArgs().length];
        Arrays.fill(factoryTypes, double.class);
        try {
            return owner.getMethod(entry.factory(), factoryTypes)
                    .invoke(null, Arrays.stream(entry.factoryArgs()).boxed().toArray());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make the receiver of " + method.key(), e);
        }
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object[] copy(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof double[] a) {
                out[i] = a.clone();
            }
        }
        return out;
    }

    private static Class<?> type(String name) {
        return switch (name) {
            case "double" -> double.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "double[]" -> double[].class;
            default -> throw new AssertionError("corpus parameter type not handled by the check: " + name);
        };
    }
}
