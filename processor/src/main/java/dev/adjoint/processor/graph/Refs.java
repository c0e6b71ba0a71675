package dev.adjoint.processor.graph;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/** The attributes that name things outside the graph: parameters, fields, methods. */
public final class Refs {
    private Refs() {}

    /** Parameter {@code index} of the differentiated method. */
    public record Param(int index, String name, Type type) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** How generated code reads a field. */
    public enum FieldAccess {
        /** {@code Owner.name}: a static field. */
        STATIC,
        /** {@code self.name}: a field of the receiver the generated class can name. */
        RECEIVER,
        /**
         * {@code (T) OWNER_NAME.get(self)}: a private field of the receiver, through a
         * {@code static final VarHandle} of the generated class, which the JIT folds to a plain load.
         */
        RECEIVER_HANDLE,
        /**
         * {@code OWNER_NAME}: a private static array whose initializer is a table of constants,
         * copied into a private static final field of the generated class (as fast to read as the
         * original, which the generated class cannot name).
         */
        COPIED_TABLE,
        /**
         * {@code (T) OWNER_NAME.get()}: any other private static field, through a
         * {@code static final VarHandle} of the generated class, which the JIT folds to a plain load.
         */
        STATIC_HANDLE
    }

    /** A field read as a constant for differentiation: static, or of the receiver of an instance method. */
    public record Field(ClassName owner, String name, FieldAccess access, String table, TypeName declared) {
        /**
         * A field of the subset's types, whose Java type the graph's type gives; {@code declared} is
         * the Java type of a {@link Type#REFERENCE} field (a String or an enum), null otherwise.
         */
        public Field(ClassName owner, String name, FieldAccess access, String table) {
            this(owner, name, access, table, null);
        }

        public Field(ClassName owner, String name) {
            this(owner, name, FieldAccess.STATIC);
        }

        public Field(ClassName owner, String name, FieldAccess access) {
            this(owner, name, access, null);
        }

        /**
         * The name of the generated class's field for a {@link FieldAccess#RECEIVER_HANDLE},
         * {@link FieldAccess#STATIC_HANDLE} or {@link FieldAccess#COPIED_TABLE} field; {@link #table}
         * is the copied table's initializer ({@code {0.5, -1.25}}), null for the others.
         */
        public String handleName() {
            return (String.join("_", owner.simpleNames()) + "_" + name).toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        public String toString() {
            return owner.simpleName() + "." + name;
        }
    }

    /** Links a PUSH to its POP: compared by identity. */
    public static final class Saved {
        @Override
        public String toString() {
            return "saved@" + Integer.toHexString(System.identityHashCode(this));
        }
    }

    /**
     * A static method, or with {@code onReceiver} an instance method of the receiver ({@code self.name(...)}). Called with constant arguments only, unless the user wrote its partial
     * derivatives ({@code @DerivativeOf}): then {@code partials} holds, per parameter, the rule
     * that gives ∂method/∂parameter (null for a parameter without one); empty for no rules.
     * {@code body}, for a rule that second order differentiates in its turn from its body, is the
     * callee whose forward mode gives the rule's tangent; null otherwise. {@code rethrows} marks the
     * call of the method itself on a path that ends in {@code throw}: its value is never produced, so
     * it is a constant for every order of differentiation.
     */
    public record Method(
            ClassName owner,
            String name,
            List<Method> partials,
            boolean onReceiver,
            Hidden hidden,
            Callee body,
            boolean rethrows,
            CaseIndex cases) {
        public Method(
                ClassName owner,
                String name,
                List<Method> partials,
                boolean onReceiver,
                Hidden hidden,
                Callee body,
                boolean rethrows) {
            this(owner, name, partials, onReceiver, hidden, body, rethrows, null);
        }

        public Method(
                ClassName owner, String name, List<Method> partials, boolean onReceiver, Hidden hidden, Callee body) {
            this(owner, name, partials, onReceiver, hidden, body, false);
        }

        /**
         * Not a call: the index of the case a switch on a {@code String} or an enum takes (see
         * {@link CaseIndex}), a constant the node's one argument, the selector, gives.
         */
        public static Method caseIndex(CaseIndex cases) {
            return new Method(cases.owner(), "switch", List.of(), false, null, null, false, cases);
        }

        public Method(ClassName owner, String name, List<Method> partials, boolean onReceiver, Hidden hidden) {
            this(owner, name, partials, onReceiver, hidden, null);
        }

        public Method(ClassName owner, String name, List<Method> partials, boolean onReceiver) {
            this(owner, name, partials, onReceiver, null);
        }

        public Method(ClassName owner, String name) {
            this(owner, name, List.of(), false);
        }

        public Method(ClassName owner, String name, List<Method> partials) {
            this(owner, name, partials, false);
        }

        /** The rule for parameter {@code i}, or null. */
        public Method partial(int i) {
            return i < partials.size() ? partials.get(i) : null;
        }

        public boolean hasRules() {
            return !partials.isEmpty();
        }

        /** This method with {@code body}, the callee that differentiates its body (see {@link #body}). */
        public Method withBody(Callee body) {
            return new Method(owner, name, partials, onReceiver, hidden, body, rethrows);
        }

        /** This method called again to throw what the method throws (see {@link #rethrows}). */
        public Method toRethrow() {
            return new Method(owner, name, partials, onReceiver, hidden, body, true);
        }

        @Override
        public String toString() {
            return owner.simpleName() + "." + name;
        }
    }

    /**
     * Which case a switch on a {@code String} or an enum selector takes, as an int: case {@code i}
     * of {@code labels} (each a Java literal or an enum constant's name, as the generated code
     * prints it) gives {@code i}, anything else -1. Generated code computes it with a switch
     * expression on the same selector, so a null selector throws the same NullPointerException
     * where the original switch does. {@code owner} is the selector's type (String or the enum).
     */
    public record CaseIndex(ClassName owner, List<List<String>> labels) {}

    /**
     * A private method the generated class cannot name, called through an accessor of the
     * generated class ({@link Method#owner} and {@link Method#name}) that invokes a
     * {@code static final MethodHandle} found with {@code MethodHandles.privateLookupIn}: a
     * constant the JIT inlines through. {@code returns} and {@code params} are its Java types;
     * an {@code instance} method of the receiver is found virtual and takes the receiver first.
     */
    public record Hidden(ClassName owner, String name, TypeName returns, List<TypeName> params, boolean instance) {
        /** The generated class's MethodHandle constant. */
        public String handleName() {
            return (String.join("_", owner.simpleNames()) + "_" + name).toUpperCase(java.util.Locale.ROOT) + "_HANDLE";
        }
    }

    /** A parameter of a {@code @Differentiable} callee, as its generated API exposes it. */
    public record CalleeParam(String name, Type type, boolean differentiated, String partialAccessor) {
        /** The accessor of this parameter's component of H·v in the callee's {@code Hvp} record: {@code dx} → {@code hvx}. */
        public String hvpAccessor() {
            return "hv" + partialAccessor.substring(1);
        }
    }

    /**
     * A {@code @Differentiable} method reached through its generated class: reverse mode is
     * {@code gradClass.method(...)} returning {@code gradClass.Record}, forward mode is
     * {@code gradClass.methodTangent(...)} returning a {@code Dual}. An instance method of the
     * receiver ({@code onReceiver}) takes the receiver first: {@code gradClass.method(self, ...)}.
     * {@code record} is the simple name of the reverse-mode record: the method's name capitalized,
     * with parameter types appended when two annotated overloads share the name (API.md).
     * {@code valueOwner}, when not null, is the class through which the method itself can be called
     * here for its value alone (a call kept only for what it may throw needs no more).
     */
    public record Callee(
            ClassName gradClass,
            String method,
            List<CalleeParam> params,
            boolean onReceiver,
            ClassName vectorOwner,
            ClassName primalOwner,
            String record,
            ClassName valueOwner) {
        public Callee(
                ClassName gradClass,
                String method,
                List<CalleeParam> params,
                boolean onReceiver,
                ClassName vectorOwner,
                ClassName primalOwner,
                String record) {
            this(gradClass, method, params, onReceiver, vectorOwner, primalOwner, record, primalOwner);
        }

        public Callee(
                ClassName gradClass,
                String method,
                List<CalleeParam> params,
                boolean onReceiver,
                ClassName vectorOwner,
                ClassName primalOwner) {
            this(gradClass, method, params, onReceiver, vectorOwner, primalOwner, capitalized(method));
        }

        /** A static callee that returns {@code double}. */
        public Callee(ClassName gradClass, String method, List<CalleeParam> params) {
            this(gradClass, method, params, false, null, null);
        }

        public Callee(
                ClassName gradClass,
                String method,
                List<CalleeParam> params,
                boolean onReceiver,
                ClassName vectorOwner) {
            this(gradClass, method, params, onReceiver, vectorOwner, null);
        }

        /**
         * This scalar callee, known to have an {@code fAdd} (see {@code emit.AddMethods}) and to be callable
         * for its value in {@code owner}, the class that declares it: reverse mode may then call the
         * method itself in the forward sweep and its {@code fAdd} in the backward sweep.
         */
        public Callee withPrimal(ClassName owner) {
            return new Callee(gradClass, method, params, onReceiver, vectorOwner, owner, record, owner);
        }

        /** This scalar callee, callable in {@code owner}, the class that declares it, for its value alone. */
        public Callee withValueOwner(ClassName owner) {
            return new Callee(gradClass, method, params, onReceiver, vectorOwner, primalOwner, record, owner);
        }

        /** The callee's {@code fAdd}, which adds seed times its partials into the adjoint arrays it is given. */
        public Callee add() {
            return new Callee(gradClass, method + "Add", params, onReceiver, null, null, record);
        }

        /**
         * Whether the callee returns {@code double[]}: then {@link #vectorOwner} is the class that
         * declares it (reverse mode's forward sweep calls it there for its value, and its backward
         * sweep calls {@link #vjp()}), and forward mode's {@code fTangent} returns a {@code DualArray}.
         */
        public boolean vector() {
            return vectorOwner != null;
        }

        /** The callee's {@code fVjp}, as a callee of its own whose record is {@code FVjp}. */
        public Callee vjp() {
            return new Callee(gradClass, method + "Vjp", params, onReceiver, null, null, record + "Vjp");
        }

        /**
         * The callee's {@code fHvp} (order = 2), as a callee of its own whose record is {@code FHvp}
         * (appended to the overload's record name, {@code F_double_doubleHvp}, when annotated overloads share it).
         */
        public Callee hvp() {
            return new Callee(gradClass, method + "Hvp", params, onReceiver, null, null, record + "Hvp");
        }

        public ClassName recordClass() {
            return gradClass.nestedClass(record);
        }

        /** {@code f} → {@code F}: a method's record name when no annotated overload shares it. */
        public static String capitalized(String method) {
            return Character.toUpperCase(method.charAt(0)) + method.substring(1);
        }

        public String tangentMethod() {
            return method + "Tangent";
        }

        @Override
        public String toString() {
            return gradClass.simpleName() + "." + method;
        }
    }
}
