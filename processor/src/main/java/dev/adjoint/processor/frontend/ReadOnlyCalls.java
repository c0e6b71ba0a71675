package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whether a method called as a statement only reads what it receives: it writes no element of an
 * array and no field, and what it calls in turn, when given anything but a number, does not
 * either. Decided on the method's source when it is part of this compilation (following its calls
 * there); a method from a compiled class is trusted only with numbers, which it receives by value,
 * or when it is a library method known to read its arguments only. Conservative: an expression
 * the check cannot type is taken for an array.
 */
final class ReadOnlyCalls {
    /** Library methods that read the arrays they receive and write nothing (their results are dropped). */
    private static final Set<String> READ_ONLY_LIBRARY = Set.of(
            "java.util.Objects.requireNonNull",
            "java.util.Objects.checkIndex",
            "java.util.Objects.checkFromToIndex",
            "java.util.Objects.checkFromIndexSize");

    private final Elements elements;
    private final Function<ExecutableElement, TreePath> sources;
    /** The methods being checked: a recursive call is judged by the rest of the body. */
    private final Set<ExecutableElement> visiting = new HashSet<>();

    ReadOnlyCalls(Elements elements, Function<ExecutableElement, TreePath> sources) {
        this.elements = elements;
        this.sources = sources;
    }

    /** Why {@code m} may write an array it receives or a field, or null when it only reads. */
    String whyItMayWrite(ExecutableElement m, boolean receivesArrays) {
        String why = reason(m, receivesArrays);
        return why == null ? null : name(m) + " " + why;
    }

    private static String name(ExecutableElement m) {
        return m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName();
    }

    /** What {@code m} does that may write (its name left out), or null. */
    private String reason(ExecutableElement m, boolean receivesArrays) {
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        if (READ_ONLY_LIBRARY.contains(owner.getQualifiedName() + "." + m.getSimpleName())) return null;
        TreePath path = sources.apply(m);
        if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
            return receivesArrays ? "comes from a compiled class, whose body Adjoint cannot read" : null;
        }
        if (!visiting.add(m)) return null;
        return new Body(tree, new Resolver(elements, path.getCompilationUnit(), owner)).check();
    }

    /** One method body, scanned for writes and for calls that may write. */
    private final class Body extends AssignmentTargets {
        private final MethodTree tree;
        private final Resolver resolver;
        /** Parameters and locals by kind of declared type: numbers, and arrays of numbers. */
        private final Set<String> locals = new HashSet<>(), numbers = new HashSet<>(), numberArrays = new HashSet<>();

        private String why;

        Body(MethodTree tree, Resolver resolver) {
            this.tree = tree;
            this.resolver = resolver;
        }

        String check() {
            scan(tree.getParameters(), null);
            scan(tree.getBody(), null);
            return why;
        }

        private void found(String reason) {
            if (why == null) why = reason;
        }

        @Override
        public Void visitVariable(VariableTree v, Void unused) {
            String n = v.getName().toString();
            locals.add(n);
            if (v.getType() instanceof PrimitiveTypeTree) numbers.add(n);
            if (v.getType() instanceof ArrayTypeTree a && a.getType() instanceof PrimitiveTypeTree) numberArrays.add(n);
            return super.visitVariable(v, unused);
        }

        @Override
        void target(ExpressionTree target) {
            ExpressionTree t = Translation.unparenthesize(target);
            if (t instanceof IdentifierTree id && locals.contains(id.getName().toString())) return;
            if (t.getKind() == Tree.Kind.ARRAY_ACCESS) found("writes an element of an array (" + t + ")");
            else found("writes the field " + t);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            boolean references = !call.getArguments().stream().allMatch(this::number);
            ExpressionTree select = call.getMethodSelect();
            List<ExecutableElement> callees = null;
            if (select instanceof IdentifierTree id) {
                callees = resolver.methods(id.getName().toString());
            } else if (select instanceof MemberSelectTree s) {
                boolean onValue = s.getExpression() instanceof IdentifierTree q
                        && (locals.contains(q.getName().toString())
                                || resolver.field(q.getName().toString()) != null);
                TypeElement type = onValue ? null : resolver.type(s.getExpression());
                if (type != null)
                    callees = resolver.methods(type, s.getIdentifier().toString());
                // an array's clone() or length reads it; another object's method cannot reach our arrays unless given
                // them
                else if (references) found("passes an array or object to " + select + ", which Adjoint cannot check");
            }
            if (callees != null) {
                int arity = call.getArguments().size();
                for (ExecutableElement c : callees) {
                    if (c.getParameters().size() != arity && !c.isVarArgs()) continue;
                    String inner = reason(c, references);
                    if (inner != null) found("calls " + name(c) + ", which " + inner);
                }
            }
            return super.visitMethodInvocation(call, unused);
        }

        @Override
        public Void visitNewClass(NewClassTree n, Void unused) {
            if (!n.getArguments().stream().allMatch(this::number))
                found("passes an array or object to new " + n.getIdentifier() + "(...), which Adjoint cannot check");
            return super.visitNewClass(n, unused);
        }

        /** Whether {@code e} is surely a number or a string (a value nothing can write through), by its syntax. */
        private boolean number(ExpressionTree e) {
            return switch (e.getKind()) {
                case INT_LITERAL,
                        LONG_LITERAL,
                        FLOAT_LITERAL,
                        DOUBLE_LITERAL,
                        BOOLEAN_LITERAL,
                        CHAR_LITERAL,
                        STRING_LITERAL -> true;
                case IDENTIFIER ->
                    numbers.contains(((IdentifierTree) e).getName().toString());
                case MEMBER_SELECT -> ((MemberSelectTree) e).getIdentifier().contentEquals("length");
                case PARENTHESIZED -> number(((ParenthesizedTree) e).getExpression());
                case TYPE_CAST -> ((TypeCastTree) e).getType() instanceof PrimitiveTypeTree;
                case CONDITIONAL_EXPRESSION -> {
                    ConditionalExpressionTree c = (ConditionalExpressionTree) e;
                    yield number(c.getTrueExpression()) && number(c.getFalseExpression());
                }
                case ARRAY_ACCESS ->
                    ((com.sun.source.tree.ArrayAccessTree) e).getExpression() instanceof IdentifierTree a
                            && numberArrays.contains(a.getName().toString());
                default -> e instanceof com.sun.source.tree.BinaryTree || e instanceof UnaryTree;
            };
        }
    }
}
