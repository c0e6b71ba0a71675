package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * What {@code @Differentiable(order = ...)} asks for, and whether second order can follow the
 * method's calls. A {@code double}-valued callee compiled in the same build needs nothing: the
 * processor generates its Hessian-vector product {@code gHvp} too ({@link #calleesNeedingHvp}),
 * and the caller's {@code mHvp} calls it once per call. A callee from a compiled class must
 * carry {@code order = 2} (its generated class then holds {@code gHvp}), else an error at the
 * call names the fix. A {@code double[]}-valued callee of this build gets the second order of its
 * {@code fVjp}, {@code fVjpHvp} (modes/second/VjpHvp.java); one from a compiled class, and
 * {@code order = 2} on a {@code double[]}-valued method, are errors of their own.
 */
public final class SecondOrderCheck {
    private SecondOrderCheck() {}

    /** The method's {@code order}, or 0 after reporting a value other than 1 or 2 on it. */
    public static int order(ExecutableElement m, Reporter reporter) {
        AnnotationMirror a = Signature.annotationMirror(m);
        AnnotationValue value = orderValue(a);
        if (value == null) return 1;
        int order = value.getValue() instanceof Integer i ? i : 0;
        if (order != 1 && order != 2) {
            reporter.error(m, a, value, Message.ORDER, order, m.getSimpleName());
            return 0;
        }
        return order;
    }

    /** Whether {@code m} is {@code @Differentiable(order = 2)}, without reporting anything. */
    public static boolean declaresOrderTwo(Element m) {
        AnnotationValue value = orderValue(Signature.annotationMirror(m));
        return value != null && Integer.valueOf(2).equals(value.getValue());
    }

    private static AnnotationValue orderValue(AnnotationMirror a) {
        if (a == null) return null;
        for (var e : a.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("order")) return e.getValue();
        }
        return null;
    }

    /**
     * Reports what keeps the order-2 method {@code m} from its second-order form, at the method or
     * at the call; true when nothing does. The bodies of the callees of this build are read too
     * (their calls are differentiated twice as well): an error there names {@code m}. With no
     * {@code reporter}, only the answer.
     */
    public static boolean supported(
            ExecutableElement m, TreePath method, Trees trees, Elements elements, Reporter reporter) {
        int[] problems = {0};
        String name = m.getSimpleName().toString();
        // order = 2 is for methods returning double (static or instance: API.md); a double[]-valued
        // callee of one gets the second order of its fVjp instead, without declaring anything
        if (m.getReturnType().getKind() != TypeKind.DOUBLE && declaresOrderTwo(m)) {
            problems[0]++;
            if (reporter != null)
                reporter.error(m, Message.SECOND_ORDER_UNSUPPORTED, name, "methods that return " + m.getReturnType());
        }
        Map<ExecutableElement, TreePath> bodies = new LinkedHashMap<>();
        bodies.put(m, method);
        for (int k = 0; k < bodies.size(); k++) {
            TreePath body = bodies.values().stream().skip(k).findFirst().orElseThrow();
            calls(body, trees, (callee, call) -> {
                String calleeName = callee.getEnclosingElement().getSimpleName() + "." + callee.getSimpleName();
                CompilationUnitTree unit = call.getCompilationUnit();
                TreePath calleePath = trees.getPath(callee);
                if (calleePath == null && Signature.isVector(callee)) {
                    // a compiled vector-valued callee cannot carry order = 2, so its class has no fVjpHvp
                    problems[0]++;
                    if (reporter != null)
                        reporter.error(
                                call.getLeaf(),
                                unit,
                                Message.SECOND_ORDER_UNSUPPORTED,
                                name,
                                "calls of methods that return double[] from a compiled class (" + calleeName + ")");
                } else if (calleePath == null && !hasSecondOrder(callee, elements)) {
                    problems[0]++;
                    if (reporter != null) reporter.error(call.getLeaf(), unit, Message.CALLEE_ORDER, calleeName, name);
                } else if (calleePath != null) {
                    bodies.putIfAbsent(callee, calleePath);
                }
            });
        }
        return problems[0] == 0;
    }

    /**
     * The {@code @Differentiable} methods of this build that the order-2
     * methods among {@code methods} call, directly or through each other, each with one order-2
     * method that needs it: each must have its own {@code Hvp} ({@code VjpHvp} for a
     * {@code double[]}-valued one), which the caller's calls.
     */
    public static Map<ExecutableElement, ExecutableElement> calleesNeedingHvp(
            Collection<ExecutableElement> methods, Trees trees) {
        Map<ExecutableElement, ExecutableElement> needed = new LinkedHashMap<>();
        for (ExecutableElement m : methods) {
            if (!declaresOrderTwo(m) || trees.getPath(m) == null) continue;
            Map<ExecutableElement, TreePath> reached = new LinkedHashMap<>();
            reached.put(m, trees.getPath(m));
            for (int k = 0; k < reached.size(); k++) {
                TreePath body = reached.values().stream().skip(k).findFirst().orElseThrow();
                calls(body, trees, (callee, call) -> {
                    TreePath path = trees.getPath(callee);
                    if (path == null) return;
                    reached.putIfAbsent(callee, path);
                    needed.putIfAbsent(callee, m);
                });
                // an unannotated callee is differentiated twice too (ImplicitCallees): what it calls needs an Hvp
                ImplicitCalleeCalls.each(body, trees, callee -> reached.putIfAbsent(callee, trees.getPath(callee)));
            }
        }
        return needed;
    }

    /**
     * Reports, at each call on source line {@code line} (any line for 0) in {@code method}'s body
     * of a function {@code isFunction} accepts, that
     * second order cannot differentiate the function's @DerivativeOf rule {@code rule} in turn;
     * {@code order2} is the order-2 method that needs it. False when no call was found.
     */
    public static boolean reportRuleCalls(
            TreePath method,
            int line,
            Trees trees,
            Predicate<ExecutableElement> isFunction,
            String rule,
            String order2,
            Reporter reporter) {
        boolean[] found = {false};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                CompilationUnitTree unit = method.getCompilationUnit();
                long at = trees.getSourcePositions().getStartPosition(unit, tree);
                boolean onLine = line == 0 || unit.getLineMap().getLineNumber(at) == line;
                if (onLine && trees.getElement(getCurrentPath()) instanceof ExecutableElement f && isFunction.test(f)) {
                    found[0] = true;
                    String shown = f.getEnclosingElement().getSimpleName() + "." + f.getSimpleName();
                    String ruleName = rule.substring(rule.lastIndexOf('.') + 1);
                    reporter.error(
                            tree, method.getCompilationUnit(), Message.RULE_ORDER, shown, rule, order2, ruleName);
                }
                return super.visitMethodInvocation(tree, unused);
            }
        }.scan(method, null);
        return found[0];
    }

    /** Each call of a {@code @Differentiable} method in the body at {@code method}, with its path. */
    private static void calls(TreePath method, Trees trees, BiConsumer<ExecutableElement, TreePath> onCall) {
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                Element callee = trees.getElement(getCurrentPath());
                if (callee instanceof ExecutableElement c && Signature.isDifferentiable(c))
                    onCall.accept(c, getCurrentPath());
                return super.visitMethodInvocation(tree, unused);
            }
        }.scan(method, null);
    }

    /** Whether the compiled callee's generated class holds its Hessian-vector product, as {@code order = 2} makes it. */
    private static boolean hasSecondOrder(ExecutableElement callee, Elements elements) {
        TypeElement grad = elements.getTypeElement(
                Signature.gradClass((TypeElement) callee.getEnclosingElement()).canonicalName());
        if (grad == null) return false;
        String hvp = callee.getSimpleName() + "Hvp";
        return grad.getEnclosedElements().stream()
                .anyMatch(e ->
                        e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(hvp));
    }
}
