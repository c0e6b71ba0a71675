package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Refs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The Jacobian of a {@code double[]}-valued method by forward mode, one {@code fTangent} pass along
 * each differentiated input element, each pass giving a column: {@code fJacobianByTangents} into
 * the record's blocks ({@link JacobianMethods} calls it when the inputs are fewer than the outputs)
 * and {@code fJacobianIntoByTangents} into the caller's flat array ({@link JacobianIntoMethods}).
 * The directions are made once and each pass sets one element to 1 and back to 0.
 */
final class JacobianByTangents {
    private JacobianByTangents() {}

    /** Where each pass's column goes. */
    private interface Columns {
        /** Declares what parameter {@code p} (named {@code x}) needs before the passes. */
        void declare(Refs.Param p, String x, CodeBlock.Builder body);

        /** The statement that writes the column of {@code p}'s element at {@code indices} (none for a {@code double}). */
        CodeBlock column(Refs.Param p, List<String> indices, CodeBlock pass);
    }

    /** Into the record {@code record}, whose value is a parameter {@code value} of the method. */
    static MethodSpec write(ClassName record, GradClassWriter.Plan plan, String name) {
        Signature s = plan.signature();
        Names names = GradClassWriter.reserved(s, plan.forward(), List.of());
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        List<ParameterSpec> parameters = new ArrayList<>(GradClassWriter.parameters(s, paramNames, false, Map.of()));
        String value = names.fresh("value"), outputs = names.fresh("outputs");
        parameters.add(ParameterSpec.builder(double[].class, value).build());
        Map<Refs.Param, String> blocks = new HashMap<>();
        CodeBlock.Builder body = CodeBlock.builder();
        body.addStatement("final int $L = $L.length", outputs, value);
        passes(s, names, paramNames, body, new Columns() {
            @Override
            public void declare(Refs.Param p, String x, CodeBlock.Builder out) {
                String block = names.fresh("d" + p.name());
                blocks.put(p, block);
                switch (p.type()) {
                    case DOUBLE_ARRAY ->
                        out.addStatement("final double[][] $L = new double[$L][$L.length]", block, outputs, x);
                    case DOUBLE_MATRIX ->
                        out.addStatement(
                                "final double[][][] $L = $T.blocks($L, $L)",
                                block,
                                VectorMethods.JACOBIANS,
                                outputs,
                                x);
                    default -> out.addStatement("final double[] $L = new double[$L]", block, outputs);
                }
            }

            @Override
            public CodeBlock column(Refs.Param p, List<String> indices, CodeBlock pass) {
                List<String> arguments = new ArrayList<>(List.of(blocks.get(p)));
                arguments.addAll(indices);
                return CodeBlock.of("$T.column($L, $L)", VectorMethods.JACOBIANS, String.join(", ", arguments), pass);
            }
        });
        List<String> components = new ArrayList<>();
        for (Refs.Param p : s.differentiated().values()) components.add(blocks.get(p));
        body.addStatement("return new $T($L, $L)", record, value, String.join(", ", components));
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

    /** Into the caller's array {@code jacobian}, row-major from {@code offset}, {@code inputs} entries a row. */
    static MethodSpec writeInto(GradClassWriter.Plan plan, String name) {
        Signature s = plan.signature();
        Names names = GradClassWriter.reserved(s, plan.forward(), List.of(JacobianIntoMethods.FLAT));
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        List<ParameterSpec> parameters = new ArrayList<>(GradClassWriter.parameters(s, paramNames, false, Map.of()));
        String jacobian = names.fresh("jacobian"), offset = names.fresh("offset"), inputs = names.fresh("inputs");
        String column = names.fresh("column");
        parameters.add(ParameterSpec.builder(double[].class, jacobian).build());
        parameters.add(ParameterSpec.builder(TypeName.INT, offset).build());
        parameters.add(ParameterSpec.builder(TypeName.INT, inputs).build());
        CodeBlock.Builder body = CodeBlock.builder();
        body.addStatement("int $L = 0", column);
        passes(s, names, paramNames, body, new Columns() {
            @Override
            public void declare(Refs.Param p, String x, CodeBlock.Builder out) {}

            @Override
            public CodeBlock column(Refs.Param p, List<String> indices, CodeBlock pass) {
                return CodeBlock.of(
                        "$T.column($L, $L, $L, $L++, $L)",
                        JacobianIntoMethods.FLAT,
                        jacobian,
                        offset,
                        inputs,
                        column,
                        pass);
            }
        });
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameters(parameters)
                .addJavadoc(
                        "The Jacobian of $L by forward mode, a column per input element, into {@code $L}\n",
                        GradClassWriter.source(s),
                        jacobian)
                .addJavadoc("from {@code $L}, {@code $L} entries a row.\n", offset, inputs)
                .addCode(body.build())
                .build();
    }

    /** The directions, then a pass along each differentiated input element in order, its column written by {@code columns}. */
    private static void passes(
            Signature s, Names names, Map<Integer, String> paramNames, CodeBlock.Builder body, Columns columns) {
        String j = names.fresh("j"), r = names.fresh("r"), c = names.fresh("c");
        Map<Integer, String> directions = new HashMap<>();
        for (Refs.Param p : s.differentiated().values()) {
            String x = paramNames.get(p.index());
            columns.declare(p, x, body);
            switch (p.type()) {
                case DOUBLE_ARRAY -> {
                    String t = names.fresh("t" + p.name());
                    body.addStatement("final double[] $L = new double[$L.length]", t, x);
                    directions.put(p.index(), t);
                }
                case DOUBLE_MATRIX -> {
                    String t = names.fresh("t" + p.name());
                    body.addStatement("final double[][] $L = $T.zerosLike($L)", t, VectorMethods.JACOBIANS, x);
                    directions.put(p.index(), t);
                }
                default -> {}
            }
        }
        for (Refs.Param p : s.differentiated().values()) {
            String x = paramNames.get(p.index());
            CodeBlock pass = pass(s, paramNames, directions, p);
            switch (p.type()) {
                case DOUBLE_ARRAY -> {
                    String t = directions.get(p.index());
                    body.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", j, j, x, j);
                    body.addStatement("$L[$L] = 1.0", t, j);
                    body.addStatement("$L", columns.column(p, List.of(j), pass));
                    body.addStatement("$L[$L] = 0.0", t, j);
                    body.endControlFlow();
                }
                case DOUBLE_MATRIX -> {
                    String t = directions.get(p.index());
                    body.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", r, r, x, r);
                    body.beginControlFlow("for (int $L = 0; $L < $L[$L].length; $L++)", c, c, x, r, c);
                    body.addStatement("$L[$L][$L] = 1.0", t, r, c);
                    body.addStatement("$L", columns.column(p, List.of(r, c), pass));
                    body.addStatement("$L[$L][$L] = 0.0", t, r, c);
                    body.endControlFlow();
                    body.endControlFlow();
                }
                default -> body.addStatement("$L", columns.column(p, List.of(), pass));
            }
        }
    }

    /** One tangent pass: each differentiated parameter followed by its direction ({@code along}'s set, a {@code double}'s 1 or 0). */
    private static CodeBlock pass(
            Signature s, Map<Integer, String> paramNames, Map<Integer, String> directions, Refs.Param along) {
        List<String> arguments = new ArrayList<>();
        if (s.onInstance()) arguments.add(JavaEmitter.RECEIVER);
        int count = s.method().getParameters().size();
        for (int i = 0; i < count; i++) {
            arguments.add(paramNames.get(i));
            Refs.Param p = s.differentiated().get(i);
            if (p == null) continue;
            arguments.add(p.type().isArray() ? directions.get(i) : p.equals(along) ? "1.0" : "0.0");
        }
        return CodeBlock.of("$LTangent($L).tangent()", s.name(), String.join(", ", arguments));
    }
}
