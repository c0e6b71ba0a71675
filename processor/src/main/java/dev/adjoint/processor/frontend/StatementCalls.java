package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Calls used as statements, whose result (if any) is dropped: argument checks such as
 * {@code checkPositive(x)} or {@code MathArrays.checkEqualLength(p, q)}, and the array library's
 * {@code System.arraycopy} and {@code Arrays.fill} ({@link ArrayLibraryCalls}). A check runs where
 * it stands in every generated method, so that they throw what the method throws at the same
 * inputs, and contributes nothing to any derivative; it is accepted only when it cannot write an
 * array it receives ({@link ReadOnlyCalls}), since the derivatives would not see that write.
 */
abstract class StatementCalls extends SumAccumulators {
    StatementCalls(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        super(elements, reporter, unit, signature);
    }

    /** Where the sources of this compilation's methods are, to check what a called method writes (none: unknown). */
    Function<ExecutableElement, TreePath> sources = m -> null;

    /** The call being translated as a statement; the calls in its arguments are values as usual. */
    private MethodInvocationTree statementCall;

    private final ArrayLibraryCalls library = new ArrayLibraryCalls(this);

    /** Assignment conversion of {@code v} to {@code to}, as for a variable of that type. */
    abstract Node convert(Node v, Type to, com.sun.source.tree.Tree at);

    /** A call whose result is not used. */
    void callStatement(MethodInvocationTree call) {
        if (library.statement(call) || accumulatorStatement(call)) return;
        MethodInvocationTree outer = statementCall;
        statementCall = call;
        int errors = reporter.errorCount();
        try {
            Node n = expr(call);
            if (n.op != Op.ERROR && !n.isStatementCall() && reporter.errorCount() == errors) {
                reporter.error(
                        call,
                        unit,
                        Message.EXPRESSION,
                        "a call whose result is not used",
                        "a Math or @Differentiable function has no effect but its value: remove the call or use its result");
            }
        } finally {
            statementCall = outer;
        }
    }

    /** {@code Arrays.copyOf(a, n)}, or null when {@code call} is no call of the array library. */
    Node libraryValue(MethodInvocationTree call, List<Node> args) {
        return library.value(call, args);
    }

    /**
     * A call of a method that is neither a Math function nor {@code @Differentiable}: when it is
     * the statement being translated, the check it stands for (or an error naming why it may not
     * be one); else null, and the call is a value.
     */
    Node checkCall(MethodInvocationTree call, ExecutableElement m, List<Node> args, String shown, boolean onReceiver) {
        if (call != statementCall) return null;
        if (!resolver.accessible(m, gradClass.packageName())) {
            reporter.error(call, unit, Message.PRIVATE, "method " + shown, gradClass.simpleName());
            return b.error(Type.VOID);
        }
        boolean arrays = args.stream().anyMatch(a -> a.type.isArray());
        String why = new ReadOnlyCalls(elements, sources).whyItMayWrite(m, arrays);
        if (why != null) {
            reporter.error(call, unit, Message.CALL_MAY_WRITE, shown, why);
            return b.error(Type.VOID);
        }
        return statement(
                new Refs.Method(
                        ClassName.get((TypeElement) m.getEnclosingElement()),
                        m.getSimpleName().toString(),
                        List.of(),
                        onReceiver),
                args);
    }

    /** The effect of calling {@code method} for what it throws. */
    Node statement(Refs.Method method, List<Node> args) {
        return b.callConst(method, Type.VOID, args);
    }
}
