package dev.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.runtime.Dual;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reflective access, checked against API.md, to one {@code @Differentiable} method: its primal
 * {@code p.C.m}, its reverse mode {@code p.CGrad.m} (returning record {@code CGrad.M}) and its
 * forward mode {@code p.CGrad.mTangent}.
 *
 * <p>Creating one asserts the generated shape: the grad class name, the reverse method's
 * parameters and record components ({@code value}, then {@code d<param>} for each differentiated
 * parameter in declaration order, with the parameter's type), and the tangent method's parameter
 * list (each differentiated parameter followed by its tangent) and {@code Dual} return type.
 */
public final class Differentiated {

    /** One parameter of the primal method. */
    public record Param(int index, String name, Class<?> type, boolean differentiated) {}

    /** The result of a reverse-mode call: the value, and {@code d<name>} for each differentiated parameter. */
    public record Gradient(double value, Map<String, Object> components) {
        /** The adjoint of a {@code double} parameter. */
        public double scalar(String param) {
            return (Double) get(param);
        }

        /** The adjoint of a {@code double[]} parameter. */
        public double[] vector(String param) {
            return (double[]) get(param);
        }

        /** The adjoint of a {@code double[][]} parameter. */
        public double[][] matrix(String param) {
            return (double[][]) get(param);
        }

        public Object get(String param) {
            if (!components.containsKey(param)) {
                throw new AssertionError("no adjoint for parameter " + param + " in " + components.keySet());
            }
            return components.get(param);
        }
    }

    private final TestCompiler.Compiled compiled;
    private final String methodName;
    private final Method primal;
    private final Class<?> gradClass;
    private final Method reverse;
    private final Method tangent;
    private final List<Param> params;
    private final List<Param> active;
    private final RecordComponent[] components;
    /** For an instance method: the receiver every call goes to (API.md: the derivatives take it first); null for a static one. */
    private Object receiver;

    private Differentiated(TestCompiler.Compiled compiled, String className, String methodName, String[] wrt) {
        this(compiled, className, methodName, wrt, null, null);
    }

    /**
     * {@code parameterTypes} picks one of several annotated overloads (null: the only one), whose
     * record is {@code recordName} (null: the method's name capitalized).
     */
    private Differentiated(
            TestCompiler.Compiled compiled,
            String className,
            String methodName,
            String[] wrt,
            Class<?>[] parameterTypes,
            String recordName) {
        this.compiled = compiled;
        this.methodName = methodName;
        Class<?> primalClass = compiled.load(className);
        Method found = null;
        // only the @Differentiable overload generates code (its reverse method takes the same
        // parameters): an unannotated overload of the same name is not the method under test
        Set<List<Class<?>>> generated = new java.util.HashSet<>();
        for (Method g : compiled.load(gradClassName(primalClass)).getDeclaredMethods()) {
            if (g.getName().equals(methodName)) generated.add(List.of(g.getParameterTypes()));
        }
        for (Method m : primalClass.getDeclaredMethods()) {
            // an instance method's generated methods take the receiver first
            List<Class<?>> expected = new java.util.ArrayList<>(List.of(m.getParameterTypes()));
            if (!Modifier.isStatic(m.getModifiers())) expected.add(0, primalClass);
            if (parameterTypes != null && !Arrays.equals(parameterTypes, m.getParameterTypes())) continue;
            if (m.getName().equals(methodName) && generated.contains(expected)) {
                if (found != null) {
                    throw new IllegalArgumentException("overloaded " + methodName + " in " + className);
                }
                found = m;
            }
        }
        if (found == null) {
            throw new AssertionError("no method " + methodName + " in " + className);
        }
        this.primal = found;
        primal.setAccessible(true);
        boolean instance = !Modifier.isStatic(primal.getModifiers());
        assertEquals(double.class, primal.getReturnType());

        Set<String> wrtSet = Set.of(wrt);
        List<Param> ps = new ArrayList<>();
        List<Param> act = new ArrayList<>();
        Parameter[] rp = primal.getParameters();
        for (int i = 0; i < rp.length; i++) {
            assertTrue(rp[i].isNamePresent(), "compile with -parameters");
            Class<?> t = rp[i].getType();
            boolean diff = wrt.length > 0
                    ? wrtSet.contains(rp[i].getName())
                    : t == double.class || t == double[].class || t == double[][].class;
            Param p = new Param(i, rp[i].getName(), t, diff);
            ps.add(p);
            if (diff) {
                act.add(p);
            }
        }
        this.params = Collections.unmodifiableList(ps);
        this.active = Collections.unmodifiableList(act);

        String gradName = gradClassName(primalClass);
        this.gradClass = compiled.load(gradName);
        int gm = gradClass.getModifiers();
        assertTrue(
                Modifier.isPublic(gm) && Modifier.isFinal(gm),
                gradName + " must be public final, is " + Modifier.toString(gm));

        try {
            this.reverse =
                    gradClass.getMethod(methodName, withReceiver(instance, primalClass, primal.getParameterTypes()));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(
                    "no public reverse method " + gradName + "." + methodName
                            + Arrays.toString(primal.getParameterTypes()) + "; methods: "
                            + Arrays.toString(gradClass.getDeclaredMethods()) + "\n" + compiled.description(),
                    e);
        }
        assertTrue(Modifier.isStatic(reverse.getModifiers()), "reverse method must be static");
        Class<?> record = reverse.getReturnType();
        if (recordName == null) recordName = Character.toUpperCase(methodName.charAt(0)) + methodName.substring(1);
        assertTrue(record.isRecord(), "reverse method must return a record, returns " + record);
        assertEquals(gradClass, record.getDeclaringClass(), "record must be nested in " + gradName);
        assertEquals(recordName, record.getSimpleName(), "record name");
        assertTrue(Modifier.isPublic(record.getModifiers()), "record must be public");
        this.components = record.getRecordComponents();
        List<String> expectedNames = new ArrayList<>();
        List<Class<?>> expectedTypes = new ArrayList<>();
        expectedNames.add("value");
        expectedTypes.add(double.class);
        for (Param p : active) {
            expectedNames.add("d" + p.name());
            expectedTypes.add(p.type());
        }
        List<String> actualNames = new ArrayList<>();
        List<Class<?>> actualTypes = new ArrayList<>();
        for (RecordComponent c : components) {
            actualNames.add(c.getName());
            actualTypes.add(c.getType());
        }
        assertEquals(expectedNames, actualNames, "record components of " + record.getName());
        assertEquals(expectedTypes, actualTypes, "record component types of " + record.getName());

        List<Class<?>> tangentTypes = new ArrayList<>();
        for (Param p : params) {
            tangentTypes.add(p.type());
            if (p.differentiated()) {
                tangentTypes.add(p.type());
            }
        }
        try {
            this.tangent = gradClass.getMethod(
                    methodName + "Tangent", withReceiver(instance, primalClass, tangentTypes.toArray(new Class<?>[0])));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(
                    "no public tangent method " + gradName + "." + methodName
                            + "Tangent" + tangentTypes + "; methods: " + Arrays.toString(gradClass.getDeclaredMethods())
                            + "\n" + compiled.description(),
                    e);
        }
        assertTrue(Modifier.isStatic(tangent.getModifiers()), "tangent method must be static");
        assertEquals(Dual.class, tangent.getReturnType(), "tangent must return dev.adjoint.runtime.Dual");
    }

    /** An instance method's derivative methods take the receiver first. */
    private static Class<?>[] withReceiver(boolean instance, Class<?> receiverClass, Class<?>[] types) {
        if (!instance) return types;
        Class<?>[] out = new Class<?>[types.length + 1];
        out[0] = receiverClass;
        System.arraycopy(types, 0, out, 1, types.length);
        return out;
    }

    /** For an instance method: the object every later call (primal and derivatives) goes to. */
    public Differentiated on(Object receiver) {
        assertTrue(!Modifier.isStatic(primal.getModifiers()), methodName + " is static: it takes no receiver");
        this.receiver = receiver;
        return this;
    }

    /** The method {@code className.methodName}, differentiated per its default {@code wrt}. */
    public static Differentiated of(TestCompiler.Compiled compiled, String className, String methodName) {
        return new Differentiated(compiled, className, methodName, new String[0]);
    }

    /**
     * The annotated overload of {@code className.methodName} that takes {@code parameterTypes},
     * differentiated per its default {@code wrt}, whose reverse-mode record must be {@code recordName}.
     */
    public static Differentiated overload(
            TestCompiler.Compiled compiled,
            String className,
            String methodName,
            String recordName,
            Class<?>... parameterTypes) {
        return new Differentiated(compiled, className, methodName, new String[0], parameterTypes, recordName);
    }

    /** The method {@code className.methodName}, declared with {@code @Differentiable(wrt = {...})}. */
    public static Differentiated withWrt(
            TestCompiler.Compiled compiled, String className, String methodName, String... wrt) {
        if (wrt.length == 0) {
            throw new IllegalArgumentException("give at least one wrt name");
        }
        return new Differentiated(compiled, className, methodName, wrt);
    }

    /** {@code p.C} gives {@code p.CGrad}; {@code p.Outer$Inner} gives {@code p.Outer_InnerGrad}. */
    public static String gradClassName(Class<?> primalClass) {
        return primalClass.getName().replace('$', '_') + "Grad";
    }

    public String name() {
        return methodName;
    }

    public TestCompiler.Compiled compiled() {
        return compiled;
    }

    public Class<?> gradClass() {
        return gradClass;
    }

    public List<Param> params() {
        return params;
    }

    /** The differentiated parameters, in declaration order. */
    public List<Param> active() {
        return active;
    }

    /** Calls the user's method. */
    public double primal(Object... args) {
        return (Double) invoke(primal, receiver, args);
    }

    /** Calls the reverse mode {@code CGrad.m(args)}. */
    public Gradient gradient(Object... args) {
        Object rec = invoke(reverse, null, receiverFirst(args));
        if (rec == null) {
            fail(methodName + ": reverse mode returned null");
        }
        double value = (Double) read(components[0].getAccessor(), rec);
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < active.size(); i++) {
            d.put(active.get(i).name(), read(components[i + 1].getAccessor(), rec));
        }
        return new Gradient(value, d);
    }

    /**
     * Calls the forward mode {@code CGrad.mTangent}; {@code directions} holds one tangent per
     * differentiated parameter, in declaration order.
     */
    public Dual tangent(Object[] args, Object[] directions) {
        if (directions.length != active.size()) {
            throw new IllegalArgumentException("need " + active.size() + " directions");
        }
        List<Object> all = new ArrayList<>();
        int k = 0;
        for (Param p : params) {
            all.add(args[p.index()]);
            if (p.differentiated()) {
                all.add(directions[k++]);
            }
        }
        Dual dual = (Dual) invoke(tangent, null, receiverFirst(all.toArray()));
        if (dual == null) {
            fail(methodName + ": tangent mode returned null");
        }
        return dual;
    }

    /** Convenience for methods whose differentiated parameters are all {@code double}. */
    public Dual tangent(Object[] args, double... directions) {
        Object[] boxed = new Object[directions.length];
        for (int i = 0; i < directions.length; i++) {
            boxed[i] = directions[i];
        }
        return tangent(args, boxed);
    }

    /** The arguments of a generated method: {@code args}, after the receiver for an instance method. */
    public Object[] receiverFirst(Object[] args) {
        if (Modifier.isStatic(primal.getModifiers())) return args;
        if (receiver == null)
            throw new IllegalStateException(methodName + " is an instance method: give its receiver with on(...)");
        Object[] out = new Object[args.length + 1];
        out[0] = receiver;
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    private static Object invoke(Method m, Object target, Object[] args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(
                    "calling " + m + " with " + Arrays.deepToString(args) + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new AssertionError("cannot call " + m + " with " + Arrays.deepToString(args), e);
        }
    }

    private static Object read(Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (InvocationTargetException | IllegalAccessException e) {
            throw new AssertionError("cannot read " + accessor, e);
        }
    }
}
