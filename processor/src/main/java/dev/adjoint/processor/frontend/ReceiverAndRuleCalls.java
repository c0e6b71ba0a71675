package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
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

    /** A call whose partials the user wrote ({@code @DerivativeOf}): the function's value, the rules' partials. */
    Node ruledCall(
            MethodInvocationTree call,
            ExecutableElement m,
            Map<Integer, ExecutableElement> rules,
            List<Node> args,
            String shown) {
        Refs.Method[] partials = new Refs.Method[args.size()];
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
