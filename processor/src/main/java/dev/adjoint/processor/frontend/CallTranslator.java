package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * Calls in an expression: resolved against the class, its imports and java.lang by the front end
 * itself; a Math or FastMath function becomes a MATH node, a call of a {@code @Differentiable}
 * method a CALL its mode lowers, any other call a constant one (reported afterwards if a
 * differentiated value reaches a {@code double} parameter, or a {@code double} is rebuilt from
 * the bits of one). The rest of the expression language is {@link ExpressionTranslator}'s.
 */
abstract class CallTranslator extends StatementCalls {
    CallTranslator(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        super(elements, reporter, unit, signature);
    }

    /** Translates an argument (or a receiver's array): the whole expression language. */
    abstract Node expr(ExpressionTree e);

    /**
     * An argument: a String literal, or a String or enum parameter or field, is passed on as it is
     * (a callee may switch on it, see {@link ReferenceSelector}); anything else is an expression.
     */
    private Node argument(ExpressionTree a) {
        if (unparenthesize(a) instanceof LiteralTree s && s.getKind() == Tree.Kind.STRING_LITERAL)
            return b.constant(Type.REFERENCE, s.getValue());
        ReferenceSelector.Found reference = ReferenceSelector.find(this, a);
        return reference != null && reference.selector() != null ? reference.selector().leaf : expr(a);
    }

    Node invocation(MethodInvocationTree call) {
        Node sum = accumulatorValue(call); // Sum.of(a).add(b).getAsDouble(), s.getAsDouble()
        if (sum != null) return sum;
        List<Node> args = new ArrayList<>();
        boolean broken = false;
        List<Integer> nulls = new ArrayList<>(); // null literals: typed by the parameter they are passed for
        for (ExpressionTree a : call.getArguments()) {
            if (unparenthesize(a).getKind() == Tree.Kind.NULL_LITERAL) nulls.add(args.size());
            Node n = nulls.contains(args.size()) ? null : argument(a);
            broken |= n != null && n.op == Op.ERROR;
            args.add(n);
        }
        if (!call.getTypeArguments().isEmpty()) return fail(call, "explicit type arguments", "remove them");
        Node library = broken || !nulls.isEmpty() ? null : libraryValue(call, args); // Arrays.copyOf
        if (library != null) return library;
        ExpressionTree select = call.getMethodSelect();
        List<ExecutableElement> candidates;
        String name;
        TypeElement qualifier = null;
        if (select instanceof IdentifierTree id) {
            name = id.getName().toString();
            candidates = resolver.methods(name);
        } else if (select instanceof MemberSelectTree s) {
            name = s.getIdentifier().toString();
            ExpressionTree q = s.getExpression();
            if (name.equals("clone")
                    && args.isEmpty()
                    && (!(q instanceof IdentifierTree qi) || lookup(qi.getName().toString()) != null)) {
                Node array = expr(q);
                if (array.op != Op.ERROR && array.type.isArray()) return b.copy(array);
            }
            if (isReceiver(q)) {
                candidates = resolver.methods(receiver, name);
            } else {
                boolean variable = q instanceof IdentifierTree qid
                        && (lookup(qid.getName().toString()) != null
                                || resolver.field(qid.getName().toString()) != null);
                if (variable || !(q instanceof IdentifierTree || q instanceof MemberSelectTree)) {
                    reporter.error(call, unit, Message.INSTANCE_CALL, s);
                    return b.error(Type.DOUBLE);
                }
                qualifier = resolver.type(q);
                if (qualifier == null) {
                    reporter.error(q, unit, Message.UNKNOWN_NAME, q);
                    return b.error(Type.DOUBLE);
                }
                candidates = resolver.methods(qualifier, name);
            }
        } else {
            return fail(call, "this call", "call a static method by name");
        }
        if (broken) return b.error(Type.DOUBLE);
        List<Type> argTypes = args.stream().map(n -> n == null ? null : n.type).toList();
        ExecutableElement m = Overloads.mostSpecific(candidates, argTypes);
        if (m != null && !NullArguments.typed(b, m, args, nulls)) {
            return fail(call.getArguments().get(nulls.get(0)), "null", NullArguments.HINT);
        }
        if (m == null) {
            reporter.error(
                    call,
                    unit,
                    Message.UNRESOLVED_METHOD,
                    name,
                    String.join(
                            ", ",
                            argTypes.stream()
                                    .map(t -> t == null ? "null" : t.javaType.toString())
                                    .toList()));
            return b.error(Type.DOUBLE);
        }
        String shown = ((TypeElement) m.getEnclosingElement()).getSimpleName() + "." + name;
        // an instance method is called on the receiver only: f(x) or this.f(x) in an instance method
        boolean onReceiver = !m.getModifiers().contains(Modifier.STATIC);
        boolean receiverSyntax =
                select instanceof IdentifierTree || isReceiver(((MemberSelectTree) select).getExpression());
        if (onReceiver
                && !(receiver != null
                        && receiverSyntax
                        && elements.getAllMembers(receiver).contains(m))) {
            reporter.error(call, unit, Message.INSTANCE_CALL, shown);
            return b.error(Type.DOUBLE);
        }
        List<Node> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Type to = Types2.of(m.getParameters().get(i).asType()); // null: a String or enum passed on as it is
            converted.add(to == null ? args.get(i) : b.cast(args.get(i), to));
        }

        Map<Integer, ExecutableElement> rules = customDerivatives == null ? Map.of() : customDerivatives.of(m);
        // the user's rules take precedence over a @Differentiable body
        if (!rules.isEmpty()) return ruledCall(call, m, rules, converted, shown);
        if (Signature.isDifferentiable(m)) return differentiableCall(call, m, converted, shown);
        String owner =
                ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString();
        boolean math = MathLibraries.isMath(owner);
        Optional<MathFunction.Call> f = MathLibraries.call(m);
        if (f.isPresent()) {
            // FastMath's pow(double, int) is pow(double, double) of the same arguments
            return b.math(
                    f.get(), converted.stream().map(a -> b.cast(a, Type.DOUBLE)).toArray(Node[]::new));
        }
        Node check = checkCall(call, m, args, shown, onReceiver); // a call as a statement: an argument check
        if (check != null) return check;
        ImplicitCallees.Outcome implicit = implicitOutcome(m);
        if (implicit instanceof ImplicitCallees.Derived d) return calleeCall(call, m, d.callee(), converted, shown);
        Type result = Types2.of(m.getReturnType());
        if (result == null) {
            reporter.error(call, unit, Message.TYPE, m.getReturnType());
            return b.error(Type.DOUBLE);
        }
        Refs.Method target =
                new Refs.Method(ClassName.get((TypeElement) m.getEnclosingElement()), name, List.of(), onReceiver);
        if (!resolver.accessible(m, gradClass.packageName())) {
            target = hidden(m);
            if (target == null) {
                reporter.error(call, unit, Message.PRIVATE, "method " + shown, gradClass.simpleName());
                return b.error(result);
            }
        }
        Node node = b.callConst(target, result, args);
        // whether an argument depends on the inputs is known once the whole body is a graph (loops!)
        if (result.isFloating()) {
            afterwards.add(activity -> {
                if (!args.stream().anyMatch(activity::isActive)) return;
                if (implicit != null) reportImplicit(call, implicit, shown);
                else reporter.error(call, unit, math ? Message.NO_RULE : Message.OPAQUE_CALL, shown);
            });
        }
        // a boolean only steers control flow and an int or long is piecewise constant (like a cast
        // to int): either takes differentiated arguments freely, unless a double is rebuilt from bits
        if (BitDependence.FROM_BITS.contains(owner + "." + name)) {
            afterwards.add(activity -> {
                if (args.stream().anyMatch(bitDependence(activity)::dependsOnInputs))
                    reporter.error(call, unit, Message.BIT_REINTERPRETATION, shown);
            });
        }
        return node;
    }

    private BitDependence bits;
    private Activity bitsOf;

    private BitDependence bitDependence(Activity activity) {
        if (bitsOf != activity) {
            bits = BitDependence.of(b.graph(), activity);
            bitsOf = activity;
        }
        return bits;
    }

    Node differentiableCall(MethodInvocationTree call, ExecutableElement m, List<Node> args, String shown) {
        boolean vector = Signature.isVector(m);
        if (m.getReturnType().getKind() != TypeKind.DOUBLE && !vector) {
            reporter.error(call, unit, Message.TYPE, m.getReturnType());
            return b.error(Type.DOUBLE);
        }
        if (vector && !resolver.accessible(m, gradClass.packageName())) {
            // reverse mode computes a vector-valued callee's value by calling it from the generated class
            reporter.error(call, unit, Message.PRIVATE, "method " + shown, gradClass.simpleName());
            return b.error(Type.DOUBLE_ARRAY);
        }
        Optional<Refs.Callee> callee = Signature.callee(m, elements);
        if (callee.isEmpty()) {
            reporter.error(call, unit, Message.CALLEE_NAMES, shown);
            return b.error(Type.DOUBLE);
        }
        return calleeCall(call, m, callee.get(), args, shown);
    }

    /**
     * A private method of this compilation (a static one, or one of the receiver's), called
     * through an accessor of the generated class that invokes a MethodHandle constant; null when
     * the generated class cannot name the method's class or its types.
     */
    Refs.Method hidden(ExecutableElement m) {
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        boolean instance = !m.getModifiers().contains(Modifier.STATIC);
        if (implicitCallees == null
                || !resolver.accessible(owner, gradClass.packageName())
                || Types2.of(m.getReturnType()) == null
                || m.getParameters().stream().anyMatch(p -> Types2.of(p.asType()) == null)) return null;
        Refs.Hidden hidden = new Refs.Hidden(
                ClassName.get(owner),
                m.getSimpleName().toString(),
                TypeName.get(m.getReturnType()),
                m.getParameters().stream().map(p -> TypeName.get(p.asType())).toList(),
                instance);
        return new Refs.Method(gradClass, implicitCallees.primalAccessor(m), List.of(), instance, hidden);
    }

    /** The outcome for an unannotated callee with a body in this compilation, or null for any other method. */
    private ImplicitCallees.Outcome implicitOutcome(ExecutableElement m) {
        if (implicitCallees == null || !implicitCallees.applies(m)) return null;
        // differentiated twice, the callee's Hessian-vector product is called as an annotated callee's is
        return implicitCallees.of(m, differentiatedTwice);
    }

    private void reportImplicit(MethodInvocationTree call, ImplicitCallees.Outcome outcome, String shown) {
        if (outcome instanceof ImplicitCallees.Rejected r)
            reporter.error(call, unit, Message.CALLEE_BODY, shown, r.problems(), shown);
    }

    /** A call of a callee reached through a generated class: an annotated method's, or an implicit callee's. */
    private Node calleeCall(
            MethodInvocationTree call, ExecutableElement m, Refs.Callee callee, List<Node> args, String shown) {
        boolean vector = callee.vector();
        Set<Integer> writes = writtenParameters.apply(m);
        for (int i : writes) {
            // a null array (no sign wanted) has no elements for the caller to see
            boolean none =
                    i < args.size() && args.get(i).isConst() && args.get(i).constValue() == null;
            if (i < args.size() && args.get(i).type.isArray() && !none) {
                String param = m.getParameters().get(i).getSimpleName().toString();
                reporter.error(call.getArguments().get(i), unit, Message.CALLEE_WRITES, shown, param, shown, param);
                return b.error(Type.DOUBLE);
            }
        }
        afterwards.add(activity -> {
            for (int i = 0; i < args.size(); i++) {
                Refs.CalleeParam p = callee.params().get(i);
                if (activity.isActive(args.get(i)) && !p.differentiated()) {
                    reporter.error(
                            call.getArguments().get(i), unit, Message.CALLEE_WRT, p.name(), shown, shown, p.name());
                }
            }
        });
        Refs.Callee reached = callee;
        // an implicit callee's derivative is a private method of this generated class, with no Add form
        boolean annotated = m.getAnnotation(dev.adjoint.Differentiable.class) != null;
        if (!vector
                && annotated
                && !differentiatedTwice
                && resolver.accessible(m, gradClass.packageName())
                && Signature.hasAdd(m, reached, elements))
            reached = reached.withPrimal(ClassName.get((TypeElement) m.getEnclosingElement()));
        else if (!vector && annotated && resolver.accessible(m, gradClass.packageName()))
            reached = reached.withValueOwner(ClassName.get((TypeElement) m.getEnclosingElement()));
        return b.call(Op.CALL, vector ? Type.DOUBLE_ARRAY : Type.DOUBLE, reached, args);
    }
}
