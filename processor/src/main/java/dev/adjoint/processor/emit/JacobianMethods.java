package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.modes.reverse.ReverseMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The Jacobian of a {@code double[]}-valued method {@code f} by one forward sweep and one backward
 * sweep per output: {@code fJacobian(mode, ...)} runs the reverse graph's forward sweep once,
 * learns the output count m from its value, and — when reverse mode needs fewer passes — runs the
 * backward sweep m times against the same saved values, from the unit cotangents e₁ … eₘ, each run
 * giving a row of J (Goodfellow, Bengio and Courville, <i>Deep Learning</i>, §6.5). When the inputs
 * are fewer than the outputs it hands over to {@code fJacobianByTangents}: one {@code fTangent}
 * pass per input, each giving a column.
 *
 * <p>Used only where {@link RepeatableBackward} holds; otherwise {@link VectorMethods} assembles J
 * from whole passes.
 */
final class JacobianMethods {
    private JacobianMethods() {}

    /** {@code fJacobian(mode, ...)} and {@code fJacobianByTangents}, or an empty list when the backward sweep cannot repeat. */
    static List<MethodSpec> write(
            ClassName record, GradClassWriter.Plan plan, List<ClassName> declared, int partBytes) {
        if (!RepeatableBackward.holds(plan.reverse())) return List.of();
        Signature s = plan.signature();
        String m = s.name();
        Names names = GradClassWriter.reserved(s, plan.reverse(), declared);
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        String seed = names.fresh(ReverseMode.SEED.name());
        paramNames.put(ReverseMode.SEED.index(), seed);
        String mode = names.fresh("mode"), outputs = names.fresh("outputs"), byTangents = names.fresh("byTangents");
        String rows = names.fresh("rows"), row = names.fresh("row");
        List<ParameterSpec> parameters = GradClassWriter.parameters(s, paramNames, false, Map.of());
        JavaEmitter emitter = rowsEmitter(plan, names, paramNames);
        emitter.parts(m + "Jacobian", parameters, partBytes);
        if (emitter.isSplit()) return List.of();

        List<Refs.Param> differentiated = List.copyOf(s.differentiated().values());
        List<String> blocks = new ArrayList<>();
        for (Refs.Param p : differentiated) blocks.add(names.fresh("d" + p.name()));
        String arguments =
                String.join(", ", parameters.stream().map(ParameterSpec::name).toList());
        emitter.repeatingBackward(new JavaEmitter.BackwardRepeat() {
            @Override
            public void open(CodeBlock result, CodeBlock.Builder out) {
                out.addStatement("final int $L = $L.length", outputs, result);
                out.addStatement(
                        "final boolean $L = $T.byTangents($L, $L, $L)",
                        byTangents,
                        VectorMethods.JACOBIANS,
                        mode,
                        inputCount(differentiated, paramNames),
                        outputs);
                out.addStatement("final int $L = $L ? 0 : $L", rows, byTangents, outputs);
                for (int k = 0; k < blocks.size(); k++) {
                    Refs.Param p = differentiated.get(k);
                    String dims = switch (p.type()) {
                        case DOUBLE_ARRAY -> "[]";
                        case DOUBLE_MATRIX -> "[][]";
                        default -> "";
                    };
                    out.addStatement("final $T $L = new double[$L]$L", block(p), blocks.get(k), rows, dims);
                }
                // a new array, not a borrowed one: the Jacobian's rows alone are m times larger
                out.addStatement("final double[] $L = new double[$L]", seed, rows);
                out.beginControlFlow("for (int $L = 0; $L < $L; $L++)", row, row, rows, row);
                out.addStatement("$L[$L] = 1.0", seed, row);
            }

            @Override
            public void close(List<CodeBlock> results, List<CodeBlock> adjoints, CodeBlock.Builder out) {
                for (int k = 0; k < blocks.size(); k++)
                    out.addStatement("$L[$L] = $L", blocks.get(k), row, results.get(k + 1));
                for (CodeBlock giveBack : adjoints) out.addStatement("$L", giveBack);
                out.addStatement("$L[$L] = 0.0", seed, row);
                out.endControlFlow();
            }
        });
        String tangentsName = m + "JacobianByTangents";
        CodeBlock body = emitter.body(results -> CodeBlock.of(
                "return $L ? $L($L, $L) : new $T($L, $L);\n",
                byTangents,
                tangentsName,
                arguments,
                results.get(0),
                record,
                results.get(0),
                String.join(", ", blocks)));
        MethodSpec byMode = byMode(m, record, mode, parameters)
                .addJavadoc(
                        "The Jacobian of $L by the mode given ({@code Jacobians.EITHER}, {@code FORWARD} or {@code REVERSE}):\n",
                        GradClassWriter.source(s))
                .addJavadoc("one forward sweep, then a backward sweep per output, or a tangent pass per input.\n")
                .addCode(body)
                .build();
        return List.of(byMode, JacobianByTangents.write(record, plan, tangentsName));
    }

    /** The reverse graph's printer for a forward sweep once, then the backward sweep once per row. */
    static JavaEmitter rowsEmitter(GradClassWriter.Plan plan, Names names, Map<Integer, String> paramNames) {
        return new JavaEmitter(plan.reverse(), names, p -> paramNames.get(p.index()), p -> {
                    throw new IllegalStateException("no tangents in reverse mode");
                })
                .sweepLabels(
                        "forward sweep, once: the primal, keeping each intermediate that the backward sweeps read",
                        "backward sweeps, one per output i from the cotangent e_i: row i of the Jacobian")
                .borrowing()
                .sourceLines(plan.source());
    }

    /**
     * The private {@code mJacobian(int mode, ...)} both writers emit: the method's parameters after the
     * mode, returning the Jacobian record (the caller adds its javadoc and body).
     */
    static MethodSpec.Builder byMode(String m, TypeName record, String mode, List<ParameterSpec> parameters) {
        List<ParameterSpec> withMode = new ArrayList<>();
        withMode.add(ParameterSpec.builder(TypeName.INT, mode).build());
        withMode.addAll(parameters);
        return MethodSpec.methodBuilder(m + "Jacobian")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(record)
                .addParameters(withMode);
    }

    /** The number of differentiated inputs, as an expression: a {@code double} counts one, an array its elements. */
    static CodeBlock inputCount(List<Refs.Param> differentiated, Map<Integer, String> paramNames) {
        List<CodeBlock> terms = new ArrayList<>();
        for (Refs.Param p : differentiated) {
            String name = paramNames.get(p.index());
            switch (p.type()) {
                case DOUBLE_ARRAY -> terms.add(CodeBlock.of("$L.length", name));
                case DOUBLE_MATRIX -> terms.add(CodeBlock.of("$T.count($L)", VectorMethods.JACOBIANS, name));
                default -> terms.add(CodeBlock.of("1"));
            }
        }
        return terms.isEmpty() ? CodeBlock.of("0") : CodeBlock.join(terms, " + ");
    }

    /** The type of a parameter's Jacobian block: one dimension more than the parameter. */
    static TypeName block(Refs.Param p) {
        return ArrayTypeName.of(p.type().javaType);
    }
}
