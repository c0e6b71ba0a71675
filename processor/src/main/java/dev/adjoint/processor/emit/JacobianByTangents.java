package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Refs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * {@code fJacobianByTangents}: the Jacobian of a {@code double[]}-valued method by forward mode,
 * one {@code fTangent} pass along each differentiated input element, each pass giving a column;
 * {@link JacobianMethods} calls it when the inputs are fewer than the outputs. The directions are
 * made once and each pass sets one element to 1 and back to 0.
 */
final class JacobianByTangents {
    private JacobianByTangents() {}

    static MethodSpec write(ClassName record, GradClassWriter.Plan plan, String name) {
        Signature s = plan.signature();
        String m = s.name();
        Names names = GradClassWriter.reserved(s, plan.forward(), List.of());
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        List<ParameterSpec> parameters = new ArrayList<>(GradClassWriter.parameters(s, paramNames, false, Map.of()));
        String value = names.fresh("value"), outputs = names.fresh("outputs");
        String j = names.fresh("j"), r = names.fresh("r"), c = names.fresh("c");
        parameters.add(ParameterSpec.builder(double[].class, value).build());
        Map<Integer, String> directions = new java.util.HashMap<>();
        List<String> blocks = new ArrayList<>();
        CodeBlock.Builder body = CodeBlock.builder();
        body.addStatement("final int $L = $L.length", outputs, value);
        for (Refs.Param p : s.differentiated().values()) {
            String x = paramNames.get(p.index()), block = names.fresh("d" + p.name());
            blocks.add(block);
            switch (p.type()) {
                case DOUBLE_ARRAY -> {
                    body.addStatement("final double[][] $L = new double[$L][$L.length]", block, outputs, x);
                    String t = names.fresh("t" + p.name());
                    body.addStatement("final double[] $L = new double[$L.length]", t, x);
                    directions.put(p.index(), t);
                }
                case DOUBLE_MATRIX -> {
                    body.addStatement(
                            "final double[][][] $L = $T.blocks($L, $L)", block, VectorMethods.JACOBIANS, outputs, x);
                    String t = names.fresh("t" + p.name());
                    body.addStatement("final double[][] $L = $T.zerosLike($L)", t, VectorMethods.JACOBIANS, x);
                    directions.put(p.index(), t);
                }
                default -> body.addStatement("final double[] $L = new double[$L]", block, outputs);
            }
        }
        int k = 0;
        for (Refs.Param p : s.differentiated().values()) {
            String x = paramNames.get(p.index()), block = blocks.get(k++);
            switch (p.type()) {
                case DOUBLE_ARRAY -> {
                    String t = directions.get(p.index());
                    body.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", j, j, x, j);
                    body.addStatement("$L[$L] = 1.0", t, j);
                    body.addStatement(
                            "$T.column($L, $L, $L)",
                            VectorMethods.JACOBIANS,
                            block,
                            j,
                            pass(m, s, paramNames, directions, p));
                    body.addStatement("$L[$L] = 0.0", t, j);
                    body.endControlFlow();
                }
                case DOUBLE_MATRIX -> {
                    String t = directions.get(p.index());
                    body.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", r, r, x, r);
                    body.beginControlFlow("for (int $L = 0; $L < $L[$L].length; $L++)", c, c, x, r, c);
                    body.addStatement("$L[$L][$L] = 1.0", t, r, c);
                    body.addStatement(
                            "$T.column($L, $L, $L, $L)",
                            VectorMethods.JACOBIANS,
                            block,
                            r,
                            c,
                            pass(m, s, paramNames, directions, p));
                    body.addStatement("$L[$L][$L] = 0.0", t, r, c);
                    body.endControlFlow();
                    body.endControlFlow();
                }
                default ->
                    body.addStatement(
                            "$T.column($L, $L)", VectorMethods.JACOBIANS, block, pass(m, s, paramNames, directions, p));
            }
        }
        body.addStatement("return new $T($L, $L)", record, value, String.join(", ", blocks));
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(record)
                .addParameters(parameters)
                .addJavadoc(
                        "The Jacobian of $L by forward mode, a column per input element; {@code $L} is its value.\n",
                        GradClassWriter.source(s),
                        value)
                .addCode(body.build())
                .build();
    }

    /** One tangent pass: each differentiated parameter followed by its direction ({@code along}'s set, a {@code double}'s 1 or 0). */
    private static CodeBlock pass(
            String m, Signature s, Map<Integer, String> paramNames, Map<Integer, String> directions, Refs.Param along) {
        List<String> arguments = new ArrayList<>();
        if (s.onInstance()) arguments.add(JavaEmitter.RECEIVER);
        int count = s.method().getParameters().size();
        for (int i = 0; i < count; i++) {
            arguments.add(paramNames.get(i));
            Refs.Param p = s.differentiated().get(i);
            if (p == null) continue;
            arguments.add(p.type().isArray() ? directions.get(i) : p.equals(along) ? "1.0" : "0.0");
        }
        return CodeBlock.of("$LTangent($L).tangent()", m, String.join(", ", arguments));
    }
}
