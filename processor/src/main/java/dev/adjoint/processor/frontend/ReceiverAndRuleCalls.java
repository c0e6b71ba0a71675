package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * What reaches outside a method's own body with derivatives that come from elsewhere: calls whose
 * partials the user wrote ({@code @DerivativeOf}), and the receiver of an instance method, whose
 * fields are constants.
 */
abstract class ReceiverAndRuleCalls extends Translation {
    ReceiverAndRuleCalls(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        super(elements, reporter, unit, signature);
    }

    /** A field of the receiver: a constant for differentiation, read directly or, when private, through a VarHandle. */
    Node receiverField(VariableElement field, Type type) {
        Refs.FieldAccess access = resolver.accessible(field, gradClass.packageName())
                ? Refs.FieldAccess.RECEIVER
                : Refs.FieldAccess.RECEIVER_HANDLE;
        return b.field(
                new Refs.Field(
                        ClassName.get((TypeElement) field.getEnclosingElement()),
                        field.getSimpleName().toString(),
                        access),
                type);
    }

    /** Whether {@code q} is {@code this} in an instance method. */
    boolean isReceiver(ExpressionTree q) {
        return receiver != null
                && q instanceof IdentifierTree id
                && id.getName().contentEquals("this");
    }

    /**
     * A rule as a method to call, with, {@code depth} levels down, the rules written for the rule
     * itself: second order differentiates a function's rule in its turn, by them.
     */
    private Refs.Method ruleMethod(ExecutableElement rule, int depth) {
        ClassName owner = ClassName.get((TypeElement) rule.getEnclosingElement());
        Map<Integer, ExecutableElement> own =
                depth == 0 || customDerivatives == null ? Map.of() : customDerivatives.of(rule);
        if (own.isEmpty()) return new Refs.Method(owner, rule.getSimpleName().toString());
        Refs.Method[] partials = new Refs.Method[rule.getParameters().size()];
        for (var e : own.entrySet()) {
            // one the generated class cannot call stays null: second order then reports the call
            if (resolver.accessible(e.getValue(), gradClass.packageName()))
                partials[e.getKey()] = ruleMethod(e.getValue(), depth - 1);
        }
        return new Refs.Method(
                owner, rule.getSimpleName().toString(), Collections.unmodifiableList(Arrays.asList(partials)));
    }

    /** Whether the rules written for {@code rule} itself give its partial in every floating parameter. */
    private static boolean coversEveryParameter(Refs.Method rule, ExecutableElement declared) {
        for (int i = 0; i < declared.getParameters().size(); i++) {
            Type t = Types2.of(declared.getParameters().get(i).asType());
            if (t != null && t.isFloating() && rule.partial(i) == null) return false;
        }
        return true;
    }

    /** Whether second order needs the body of {@code rule}: an argument that depends on the inputs has no rule of the rule's. */
    private static boolean needsBody(Refs.Method rule, List<Node> args, Activity activity) {
        for (int j = 0; j < args.size(); j++)
            if (activity.isActive(args.get(j)) && rule.partial(j) == null) return true;
        return false;
    }

    /** A call whose partials the user wrote ({@code @DerivativeOf}): the function's value, the rules' partials. */
    Node ruledCall(
            MethodInvocationTree call,
            ExecutableElement m,
            Map<Integer, ExecutableElement> rules,
            List<Node> args,
            String shown) {
        Refs.Method[] partials = new Refs.Method[args.size()];
        // under order = 2, why the body of each rule that second order must differentiate cannot be
        String[] undifferentiable = new String[args.size()];
        for (var rule : rules.entrySet()) {
            ExecutableElement r = rule.getValue();
            if (!resolver.accessible(r, gradClass.packageName())) {
                reporter.error(
                        call,
                        unit,
                        Message.PRIVATE,
                        "@DerivativeOf rule " + r.getEnclosingElement().getSimpleName() + "." + r.getSimpleName(),
                        gradClass.simpleName());
                return b.error(Type.DOUBLE);
            }
            partials[rule.getKey()] = ruleMethod(r, 1);
            if (differentiatedTwice && !coversEveryParameter(partials[rule.getKey()], r)) {
                // no rules for (every parameter of) the rule itself: its body, differentiated in its turn
                ImplicitCallees.Outcome body = RuleBodies.of(r, implicitCallees, elements);
                if (body instanceof ImplicitCallees.Derived d)
                    partials[rule.getKey()] = partials[rule.getKey()].withBody(d.callee());
                else if (body instanceof ImplicitCallees.Rejected rejected)
                    undifferentiable[rule.getKey()] = rejected.problems();
            }
        }
        if (!resolver.accessible(m, gradClass.packageName())) {
            reporter.error(call, unit, Message.PRIVATE, "method " + shown, gradClass.simpleName());
            return b.error(Type.DOUBLE);
        }
        ClassName owner = ClassName.get((TypeElement) m.getEnclosingElement());
        Node node = b.callConst(
                new Refs.Method(
                        owner, m.getSimpleName().toString(), Collections.unmodifiableList(Arrays.asList(partials))),
                Type.DOUBLE,
                args);
        afterwards.add(activity -> {
            for (int i = 0; i < args.size(); i++) {
                if (undifferentiable[i] != null
                        && activity.isActive(args.get(i))
                        && needsBody(partials[i], args, activity)) {
                    ExecutableElement r = rules.get(i);
                    reporter.error(
                            call,
                            unit,
                            Message.RULE_BODY,
                            shown,
                            r.getEnclosingElement().getSimpleName() + "." + r.getSimpleName(),
                            undifferentiable[i],
                            r.getSimpleName());
                }
                if (partials[i] == null && activity.isActive(args.get(i))) {
                    String param = m.getParameters().get(i).getSimpleName().toString();
                    reporter.error(
                            call.getArguments().get(i),
                            unit,
                            Message.MISSING_RULE,
                            param,
                            shown,
                            shown,
                            param,
                            m.getSimpleName(),
                            param);
                }
            }
        });
        return node;
    }
}
