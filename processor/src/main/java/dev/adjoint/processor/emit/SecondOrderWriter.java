package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.modes.reverse.ReverseMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The second-order members of a {@code Grad} class, for a method with {@code order = 2}: the
 * records {@code MHvp} and {@code MHessian}, {@code mHvp} (the graph of forward mode over
 * reverse mode, printed like the other bodies) and {@code mHessian}, which calls {@code mHvp}
 * once per differentiated entry with that entry's unit direction: column k of the Hessian is
 * H·e_k. Rounding can make H·e_k and H·e_j disagree in their last bits where exact arithmetic
 * gives H symmetric, so {@code mHessian} returns (H + Hᵀ)/2. A method without {@code order = 2}
 * that a method with it calls gets {@code MHvp} and {@code mHvp} alone, for its callers; a
 * {@code double[]}-valued one {@code FVjpHvp} and {@code fVjpHvp}: the same of its {@code fVjp},
 * with the seed and its direction last.
 */
final class SecondOrderWriter {
    private static final TypeName MATRIX = ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));

    private SecondOrderWriter() {}

    /** The records {@code plan} adds, so that every body can avoid their names. */
    static List<ClassName> recordNames(ClassName grad, GradClassWriter.Plan plan) {
        if (plan.hvp() == null) return List.of();
        if (!plan.hessian()) return List.of(hvpRecord(grad, plan.signature()));
        return List.of(hvpRecord(grad, plan.signature()), hessianRecord(grad, plan.signature()));
    }

    /** Adds the second-order records and methods of {@code plan}, if it has any. */
    static void add(
            TypeSpec.Builder spec,
            ClassName grad,
            GradClassWriter.Plan plan,
            List<ClassName> declared,
            List<MethodSpec> helpers,
            int partBytes) {
        if (plan.hvp() == null) return;
        Signature s = plan.signature();
        spec.addType(record(hvpRecord(grad, s), s, true));
        if (plan.hessian()) spec.addType(record(hessianRecord(grad, s), s, false));
        spec.addMethod(hvp(grad, plan, declared, helpers, partBytes));
        if (plan.hessian()) spec.addMethod(hessian(grad, s, declared));
    }

    private static ClassName hvpRecord(ClassName grad, Signature s) {
        return grad.nestedClass(GradClassWriter.recordName(grad, s).simpleName() + (s.vector() ? "VjpHvp" : "Hvp"));
    }

    private static ClassName hessianRecord(ClassName grad, Signature s) {
        return grad.nestedClass(GradClassWriter.recordName(grad, s).simpleName() + "Hessian");
    }

    private static String method(Signature s) {
        return s.name();
    }

    /** {@code MHvp(value, d<p>..., hv<p>...)} or {@code MHessian(value, d<p>..., hessian)}; a {@code double[]} value for fVjpHvp. */
    private static TypeSpec record(ClassName name, Signature s, boolean hvp) {
        MethodSpec.Builder components = MethodSpec.constructorBuilder()
                .addParameter(s.vector() ? ArrayTypeName.of(TypeName.DOUBLE) : TypeName.DOUBLE, "value");
        for (Refs.Param p : s.differentiated().values()) components.addParameter(p.type().javaType, "d" + p.name());
        if (hvp) {
            for (Refs.Param p : s.differentiated().values())
                components.addParameter(p.type().javaType, "hv" + p.name());
        } else {
            components.addParameter(MATRIX, "hessian");
        }
        return TypeSpec.recordBuilder(name)
                .addModifiers(GradClassWriter.visibility(s))
                .addJavadoc(
                        s.vector()
                                ? "The value of $L, seedᵀ·J {@code d<parameter>} and its tangent along the directions, {@code hv<parameter>}.\n"
                                : hvp
                                        ? "The value of $L, its gradient {@code d<parameter>} and the Hessian times a direction, {@code hv<parameter>}.\n"
                                        : "The value of $L, its gradient {@code d<parameter>} and its Hessian over the differentiated entries in declaration order.\n",
                        GradClassWriter.source(s))
                .recordConstructor(components.build())
                .build();
    }

    private static MethodSpec hvp(
            ClassName grad,
            GradClassWriter.Plan plan,
            List<ClassName> declared,
            List<MethodSpec> helpers,
            int partBytes) {
        Signature s = plan.signature();
        Names names = GradClassWriter.reserved(s, plan.hvp(), declared);
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        Map<Integer, String> directionNames = new HashMap<>();
        for (Refs.Param p : s.differentiated().values()) directionNames.put(p.index(), names.fresh("v" + p.name()));
        if (s.vector()) {
            // fVjp's seed, and its direction: the tangent of the seed the caller's backward sweep hands over
            paramNames.put(ReverseMode.SEED.index(), names.fresh(ReverseMode.SEED.name()));
            directionNames.put(ReverseMode.SEED.index(), names.fresh("v" + ReverseMode.SEED.name()));
        }
        JavaEmitter emitter = new JavaEmitter(
                        plan.hvp(), names, p -> paramNames.get(p.index()), p -> directionNames.get(p.index()))
                .sourceLines(plan.source());
        List<ParameterSpec> parameters =
                new ArrayList<>(GradClassWriter.parameters(s, paramNames, true, directionNames));
        if (s.vector()) {
            TypeName vector = ArrayTypeName.of(TypeName.DOUBLE);
            parameters.add(ParameterSpec.builder(vector, paramNames.get(ReverseMode.SEED.index()))
                    .build());
            parameters.add(ParameterSpec.builder(vector, directionNames.get(ReverseMode.SEED.index()))
                    .build());
        }
        String name = method(s) + (s.vector() ? "VjpHvp" : "Hvp");
        emitter.parts(name, parameters, partBytes);
        ClassName record = hvpRecord(grad, s);
        CodeBlock body =
                emitter.body(results -> CodeBlock.of("return new $T($L);\n", record, CodeBlock.join(results, ", ")));
        helpers.addAll(emitter.helpers());
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(GradClassWriter.visibility(s), Modifier.STATIC)
                .returns(record)
                .addParameters(parameters);
        if (s.vector()) {
            method.addJavadoc(
                            "Second order of $L's vector–Jacobian product, for the Hessian-vector products of its callers:\n",
                            GradClassWriter.source(s))
                    .addJavadoc(
                            "its value, seedᵀ·J, and the tangent of seedᵀ·J along the directions of the parameters\n")
                    .addJavadoc(
                            "and of the seed (vseedᵀ·J + the Hessian of seedᵀ·f times the parameters' directions).\n");
        } else {
            method.addJavadoc(
                            "Second order of $L by forward mode over reverse mode: its value, its gradient, and its Hessian\n",
                            GradClassWriter.source(s))
                    .addJavadoc("times the direction given by the parameters that follow the differentiated ones.\n");
        }
        return method.addCode(body).build();
    }

    /**
     * {@code mHessian}: column k is {@code mHvp} along the unit direction of entry k (a loop runs
     * at least once, so that the value and gradient come from a call even with no entries).
     */
    private static MethodSpec hessian(ClassName grad, Signature s, List<ClassName> declared) {
        Names names = new Names();
        for (ClassName c : declared) c.simpleNames().forEach(names::reserve);
        if (s.onInstance()) names.reserve(JavaEmitter.RECEIVER);
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        String size = names.fresh("size"), hessian = names.fresh("hessian"), column = names.fresh("column");
        String at = names.fresh("at"), row = names.fresh("row"), result = names.fresh("columnHvp");
        String first = names.fresh("first"), i = names.fresh("i"), j = names.fresh("j"), mean = names.fresh("mean");
        String element = names.fresh("element"), line = names.fresh("line");
        CodeBlock.Builder code = CodeBlock.builder();
        // the number of entries: one per double, every element of an array
        code.addStatement("int $L = 0", size);
        for (Refs.Param p : s.differentiated().values()) {
            String name = paramNames.get(p.index());
            switch (p.type()) {
                case DOUBLE -> code.addStatement("$L += 1", size);
                case DOUBLE_ARRAY -> code.addStatement("$L += $L.length", size, name);
                default -> code.addStatement("for (double[] $L : $L) $L += $L.length", line, name, size, line);
            }
        }
        code.addStatement("final double[][] $L = new double[$L][$L]", hessian, size, size);
        code.addStatement("$T $L = null", hvpRecord(grad, s), first);
        code.beginControlFlow("for (int $L = 0; $L < Math.max($L, 1); $L++)", column, column, size, column);
        code.addStatement("int $L = $L", at, column);
        List<String> arguments = new ArrayList<>();
        // an instance method's mHvp takes the receiver first, as mHessian does
        if (s.onInstance()) arguments.add(JavaEmitter.RECEIVER);
        for (int k = 0; k < s.method().getParameters().size(); k++) {
            String name = paramNames.get(k);
            arguments.add(name);
            Refs.Param p = s.differentiated().get(k);
            if (p == null) continue;
            String direction = names.fresh("v" + p.name());
            arguments.add(direction);
            switch (p.type()) {
                case DOUBLE -> code.addStatement("final double $L = $L == 0 ? 1 : 0", direction, at);
                case DOUBLE_ARRAY -> {
                    code.addStatement("final double[] $L = new double[$L.length]", direction, name);
                    code.addStatement("if ($L >= 0 && $L < $L.length) $L[$L] = 1", at, at, name, direction, at);
                }
                default -> {
                    code.addStatement("final double[][] $L = new double[$L.length][]", direction, name);
                    code.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, name, i);
                    code.addStatement("$L[$L] = new double[$L[$L].length]", direction, i, name, i);
                    code.addStatement(
                            "if ($L >= 0 && $L < $L[$L].length) $L[$L][$L] = 1", at, at, name, i, direction, i, at);
                    code.addStatement("$L -= $L[$L].length", at, name, i);
                    code.endControlFlow();
                }
            }
            if (p.type() == Type.DOUBLE) code.addStatement("$L -= 1", at);
            else if (p.type() == Type.DOUBLE_ARRAY) code.addStatement("$L -= $L.length", at, name);
        }
        code.addStatement(
                "final $T $L = $L($L)", hvpRecord(grad, s), result, method(s) + "Hvp", String.join(", ", arguments));
        code.addStatement("if ($L == null) $L = $L", first, first, result);
        code.addStatement("if ($L >= $L) break", column, size);
        code.addStatement("int $L = 0", row);
        for (Refs.Param p : s.differentiated().values()) {
            String hv = "hv" + p.name();
            switch (p.type()) {
                case DOUBLE -> code.addStatement("$L[$L++][$L] = $L.$L()", hessian, row, column, result, hv);
                case DOUBLE_ARRAY ->
                    code.addStatement(
                            "for (double $L : $L.$L()) $L[$L++][$L] = $L",
                            element,
                            result,
                            hv,
                            hessian,
                            row,
                            column,
                            element);
                default ->
                    code.addStatement(
                            "for (double[] $L : $L.$L()) for (double $L : $L) $L[$L++][$L] = $L",
                            line,
                            result,
                            hv,
                            element,
                            line,
                            hessian,
                            row,
                            column,
                            element);
            }
        }
        code.endControlFlow();
        code.add("// exact arithmetic makes H symmetric; rounding may not: return (H + Hᵀ) / 2\n");
        code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, size, i);
        code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, i, j);
        code.addStatement("final double $L = 0.5 * ($L[$L][$L] + $L[$L][$L])", mean, hessian, i, j, hessian, j, i);
        code.addStatement("$L[$L][$L] = $L", hessian, i, j, mean);
        code.addStatement("$L[$L][$L] = $L", hessian, j, i, mean);
        code.endControlFlow();
        code.endControlFlow();
        List<String> components = new ArrayList<>(List.of(first + ".value()"));
        for (Refs.Param p : s.differentiated().values()) components.add(first + ".d" + p.name() + "()");
        components.add(hessian);
        code.addStatement("return new $T($L)", hessianRecord(grad, s), String.join(", ", components));
        return MethodSpec.methodBuilder(method(s) + "Hessian")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(hessianRecord(grad, s))
                .addParameters(GradClassWriter.parameters(s, paramNames, false, Map.of()))
                .addJavadoc(
                        "The value, gradient and dense symmetric Hessian of $L, over the differentiated entries in\n",
                        GradClassWriter.source(s))
                .addJavadoc(
                        "declaration order (a double is one entry, an array its elements row by row): one {@code $LHvp}\n",
                        method(s))
                .addJavadoc("call per entry, along its unit direction.\n")
                .addCode(code.build())
                .build();
    }
}
