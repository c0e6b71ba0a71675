package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * What every layer of the front end shares: the graph being built, where to report, how names
 * resolve, and the variables in scope. The layers: {@link ExpressionTranslator} (expressions,
 * calls, new arrays), {@link ControlFlowTranslator} (branches, loops, jumps), and
 * {@link BodyTranslator} (statements, and the entry point).
 */
abstract class Translation {
    final Reporter reporter;
    final Elements elements;
    final CompilationUnitTree unit;
    final Resolver resolver;
    final Signature signature;
    /** The generated class: the method's own, or for an implicit callee the one of the method that calls it. */
    ClassName gradClass;
    /** The class of the receiver, for an instance method; null for a static one. */
    final TypeElement receiver;

    final GraphBuilder b = new GraphBuilder(new Graph());
    final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
    final Deque<LoopContext> loops = new ArrayDeque<>();

    /** The array parameters a @Differentiable callee writes in place (empty when its source is not at hand). */
    Function<ExecutableElement, Set<Integer>> writtenParameters = m -> Set.of();

    /** The user's derivative rules ({@code @DerivativeOf}); none when null. */
    CustomDerivatives customDerivatives;

    /** Unannotated callees, differentiated from their bodies; none when null (calls of them are constant calls). */
    ImplicitCallees<?> implicitCallees;

    /**
     * Whether the reverse graph will be differentiated again (order = 2, or a callee of an order-2
     * method): its calls then stay record calls, whose Hessian-vector product the second-order
     * transformation knows, never the {@code mAdd} form.
     */
    boolean differentiatedTwice;

    /** Checks that need the activity of the finished graph, such as what flows into a call. */
    final List<java.util.function.Consumer<Activity>> afterwards = new ArrayList<>();

    Translation(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        this.reporter = reporter;
        this.elements = elements;
        this.unit = unit;
        TypeElement owner = (TypeElement) signature.method().getEnclosingElement();
        this.resolver = new Resolver(elements, unit, owner);
        this.signature = signature;
        this.gradClass = Signature.gradClass(owner);
        this.receiver = signature.onInstance() ? owner : null;
    }

    /** A local variable or parameter: its declared type and the node it currently holds. */
    static final class Local {
        final Type type;
        final String name;
        Node value;
        /** {@code short}, {@code char} or {@code byte} for such a variable, held as an int and narrowed at each store; else null. */
        String narrow;
        /** A {@code final float} constant, held as its exact double value: see {@link FloatConstants}. */
        boolean namedFloat;

        Local(Type type, Node value) {
            this(null, type, value);
        }

        Local(String name, Type type, Node value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }
    }

    /**
     * A loop or a switch being translated: its label, and whether this iteration (this arm) broke
     * out or continued. A switch is left by break and passed through by continue; a switch
     * expression also carries the value its arm yields.
     */
    static final class LoopContext {
        final String label;
        final Local broken = new Local("broken", Type.BOOLEAN, null);
        final Local continued = new Local("continued", Type.BOOLEAN, null);
        final boolean isSwitch;
        /** The value a switch expression's arm yields; null for loops and switch statements. */
        final Local result;

        LoopContext(String label) {
            this(label, false, null);
        }

        LoopContext(String label, boolean isSwitch, Local result) {
            this.label = label;
            this.isSwitch = isSwitch;
            this.result = result;
        }
    }

    Node bool(boolean v) {
        return b.constant(Type.BOOLEAN, v);
    }

    static boolean isTrue(Node n) {
        return n.isConst() && Boolean.TRUE.equals(n.constValue());
    }

    static boolean isFalse(Node n) {
        return n.isConst() && Boolean.FALSE.equals(n.constValue());
    }

    void unsupported(Tree t, String what, String instead) {
        reporter.error(t, unit, Message.STATEMENT, what, instead);
        giveErrorValues(t);
    }

    /** After an error on {@code t}, see {@link #unsupported}. */
    void giveErrorValues(Tree t) {
        // a variable the statement assigns for the first time gets an error value, so that a later
        // read is not reported as read before assignment; one with a value keeps it, so that later
        // code is still checked (and its problems reported in this same build)
        for (String name : Assigned.in(t).names) {
            Local l = lookup(name);
            if (l != null && l.type != null && l.value == null) l.value = b.error(l.type);
        }
    }

    static Type typeOf(Tree t) {
        if (t instanceof PrimitiveTypeTree p) {
            return switch (p.getPrimitiveTypeKind()) {
                case DOUBLE -> Type.DOUBLE;
                case INT -> Type.INT;
                case LONG -> Type.LONG;
                case BOOLEAN -> Type.BOOLEAN;
                default -> null;
            };
        }
        if (t instanceof ArrayTypeTree a) {
            Type element = typeOf(a.getType());
            if (element == Type.DOUBLE) return Type.DOUBLE_ARRAY;
            if (element == Type.DOUBLE_ARRAY) return Type.DOUBLE_MATRIX;
            if (element == Type.INT) return Type.INT_ARRAY;
            if (a.getType() instanceof PrimitiveTypeTree p)
                return NarrowIntegers.readOnlyArray(p.getPrimitiveTypeKind());
        }
        return null;
    }

    Node read(ExpressionTree target, Local local) {
        if (local.value == null) {
            reporter.error(target, unit, Message.UNASSIGNED, target);
            return b.error(local.type);
        }
        return local.value;
    }

    Local lookup(String name) {
        for (Map<String, Local> scope : scopes) {
            Local l = scope.get(name);
            if (l != null) return l;
        }
        return null;
    }

    Object signatureType(String param) {
        for (var p : signature.method().getParameters()) {
            if (p.getSimpleName().contentEquals(param)) return p.asType(); // the message tells an enum by it
        }
        return param;
    }

    Node fail(Tree t, String what, String instead) {
        reporter.error(t, unit, Message.EXPRESSION, what, instead);
        return b.error(Type.DOUBLE);
    }

    static ExpressionTree unparenthesize(ExpressionTree e) {
        while (e instanceof ParenthesizedTree p) e = p.getExpression();
        return e;
    }
}
