package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.modes.reverse.ReverseMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * {@code fJacobianInto(..., double[] jacobian, int offset)}, an addition of the project beyond the
 * contract's {@code fJacobian}: the Jacobian of a {@code double[]}-valued method written row-major
 * into the caller's array from {@code offset} — ∂f_i/∂x_j at {@code jacobian[offset + i·n + j]},
 * the columns the differentiated parameters in declaration order, arrays flattened row-major, n
 * their count — returning f's value. That is the layout least-squares solvers and ADBench's bundle
 * adjustment fill, one block after another in one array; the record of {@code fJacobian} (a row
 * array per output and parameter) costs more to allocate than the arithmetic where m and n are small.
 *
 * <p>Where the backward sweep can repeat ({@link RepeatableBackward}) the method is the one of
 * {@link JacobianMethods}, its forward sweep once, then a backward sweep per output (reverse mode),
 * or a tangent pass per input when those are fewer; but each run adds a {@code double[]}
 * parameter's adjoint straight into its part of the row ({@link RowsInPlace}), and borrows and
 * copies only an adjoint it uses whole, so a call allocates the value and little else. Otherwise
 * it copies the record of the private {@code fJacobian(mode, ...)}, which assembles it from whole
 * passes.
 */
final class JacobianIntoMethods {
    static final ClassName FLAT = ClassName.get("dev.adjoint.runtime.internal", "FlatJacobians");
    private static final TypeName VECTOR = ArrayTypeName.of(TypeName.DOUBLE);

    private JacobianIntoMethods() {}

    /** {@code fJacobianInto} and the helper it calls for forward mode, if any. */
    static List<MethodSpec> write(
            ClassName record, GradClassWriter.Plan plan, List<ClassName> declared, int partBytes) {
        Signature s = plan.signature();
        String m = s.name();
        List<ClassName> named = new ArrayList<>(declared);
        named.add(FLAT);
        Names names = GradClassWriter.reserved(s, plan.reverse(), named);
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        List<ParameterSpec> parameters = GradClassWriter.parameters(s, paramNames, false, Map.of());
        String jacobian = names.fresh("jacobian"), offset = names.fresh("offset");
        List<ParameterSpec> withArray = new ArrayList<>(parameters);
        withArray.add(ParameterSpec.builder(VECTOR, jacobian).build());
        withArray.add(ParameterSpec.builder(TypeName.INT, offset).build());
        List<Refs.Param> differentiated = List.copyOf(s.differentiated().values());
        CodeBlock inputCount = JacobianMethods.inputCount(differentiated, paramNames);
        String arguments =
                String.join(", ", parameters.stream().map(ParameterSpec::name).toList());
        MethodSpec.Builder method = MethodSpec.methodBuilder(m + "JacobianInto")
                .addModifiers(GradClassWriter.visibility(s), Modifier.STATIC)
                .returns(VECTOR)
                .addParameters(withArray)
                .addJavadoc(
                        "The Jacobian of $L written into {@code $L}, row-major from {@code $L}:\n",
                        GradClassWriter.source(s),
                        jacobian,
                        offset)
                .addJavadoc(
                        "∂f_i/∂x_j at {@code $L[$L + i * n + j]}, the columns the differentiated parameters in\n",
                        jacobian,
                        offset)
                .addJavadoc("declaration order (arrays flattened row-major), n their count; returns the value.\n")
                .addJavadoc("Forward or reverse mode, whichever needs fewer passes, as {@code $LJacobian}. An\n", m)
                .addJavadoc(
                        "{@code IllegalArgumentException} when {@code $L} is shorter than {@code $L} + m·n.\n",
                        jacobian,
                        offset);
        if (!RepeatableBackward.holds(plan.reverse()))
            return List.of(method.addCode(fromRecord(record, s, m, arguments, jacobian, offset, names, inputCount))
                    .build());

        String seed = names.fresh(ReverseMode.SEED.name());
        paramNames.put(ReverseMode.SEED.index(), seed);
        String outputs = names.fresh("outputs"), inputs = names.fresh("inputs"), byTangents = names.fresh("byTangents");
        String rows = names.fresh("rows"), row = names.fresh("row"), rowStart = names.fresh("rowStart");
        // where each differentiated parameter's part of a row starts, and how long it is
        List<CodeBlock> starts = new ArrayList<>();
        Map<Integer, CodeBlock[]> arrays = new HashMap<>();
        List<String> resultNames = new ArrayList<>(List.of(""));
        CodeBlock at = CodeBlock.of("$L", rowStart);
        for (Refs.Param p : differentiated) {
            CodeBlock size = JacobianMethods.inputCount(List.of(p), paramNames);
            if (p.type() == Type.DOUBLE_ARRAY) arrays.put(starts.size() + 1, new CodeBlock[] {at, size});
            starts.add(at);
            resultNames.add(paramNames.get(p.index()));
            at = CodeBlock.of("$L + $L", at, size);
        }
        RowsInPlace inPlace = RowsInPlace.of(plan.reverse(), jacobian, arrays, names, resultNames);
        List<Node> adjoints = plan.reverse().root.results;
        JavaEmitter emitter = JacobianMethods.rowsEmitter(plan, names, paramNames)
                .borrowingResults()
                .rowsInPlace(inPlace);
        emitter.parts(m + "JacobianInto", withArray, partBytes);
        if (emitter.isSplit())
            return List.of(method.addCode(fromRecord(record, s, m, arguments, jacobian, offset, names, inputCount))
                    .build());
        emitter.repeatingBackward(new JavaEmitter.BackwardRepeat() {
            @Override
            public void open(CodeBlock result, CodeBlock.Builder out) {
                out.addStatement("final int $L = $L.length", outputs, result);
                out.addStatement("final int $L = $L", inputs, inputCount);
                out.addStatement("$T.checkRoom($L, $L, $L, $L)", FLAT, jacobian, offset, outputs, inputs);
                out.addStatement(
                        "final boolean $L = $T.byTangents($T.EITHER, $L, $L)",
                        byTangents,
                        VectorMethods.JACOBIANS,
                        VectorMethods.JACOBIANS,
                        inputs,
                        outputs);
                out.addStatement("final int $L = $L ? 0 : $L", rows, byTangents, outputs);
                // one array per call (not per row), of the output's length
                out.addStatement("final double[] $L = new double[$L]", seed, rows);
                out.beginControlFlow("for (int $L = 0; $L < $L; $L++)", row, row, rows, row);
                out.addStatement("$L[$L] = 1.0", seed, row);
                out.addStatement("final int $L = $L + $L * $L", rowStart, offset, row, inputs);
            }

            @Override
            public void close(List<CodeBlock> results, List<CodeBlock> borrowed, CodeBlock.Builder out) {
                // row i of the Jacobian: the adjoints not added into it in place are copied, then go back
                for (int k = 1; k < results.size(); k++)
                    if (!inPlace.holds(adjoints.get(k)))
                        out.addStatement("$T.put($L, $L, $L)", FLAT, jacobian, starts.get(k - 1), results.get(k));
                for (CodeBlock giveBack : borrowed) out.addStatement("$L", giveBack);
                out.addStatement("$L[$L] = 0.0", seed, row);
                out.endControlFlow();
            }
        });
        String tangentsName = m + "JacobianIntoByTangents";
        CodeBlock body = emitter.body(results -> CodeBlock.builder()
                .beginControlFlow("if ($L)", byTangents)
                .addStatement("$L($L, $L, $L, $L)", tangentsName, arguments, jacobian, offset, inputs)
                .endControlFlow()
                .addStatement("return $L", results.get(0))
                .build());
        return List.of(method.addCode(body).build(), JacobianByTangents.writeInto(plan, tangentsName));
    }

    /** The body that copies the record of {@code fJacobian(Jacobians.EITHER, ...)} into the array, a row at a time. */
    private static CodeBlock fromRecord(
            ClassName record,
            Signature s,
            String m,
            String arguments,
            String jacobian,
            String offset,
            Names names,
            CodeBlock inputCount) {
        String whole = names.fresh("whole"), value = names.fresh("value"), inputs = names.fresh("inputs");
        String row = names.fresh("row"), column = names.fresh("column");
        CodeBlock.Builder body = CodeBlock.builder()
                .add(
                        "// the Jacobian from whole passes (its backward sweep cannot run again on one forward sweep's values)\n")
                .addStatement(
                        "final $T $L = $LJacobian($T.EITHER, $L)", record, whole, m, VectorMethods.JACOBIANS, arguments)
                .addStatement("final double[] $L = $L.value()", value, whole)
                .addStatement("final int $L = $L", inputs, inputCount)
                .addStatement("$T.checkRoom($L, $L, $L.length, $L)", FLAT, jacobian, offset, value, inputs)
                .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", row, row, value, row)
                .addStatement("int $L = $L + $L * $L", column, offset, row, inputs);
        List<Refs.Param> differentiated = List.copyOf(s.differentiated().values());
        for (int k = 0; k < differentiated.size(); k++) {
            CodeBlock part =
                    CodeBlock.of("$L.d$L()[$L]", whole, differentiated.get(k).name(), row);
            if (k < differentiated.size() - 1)
                body.addStatement("$L = $T.put($L, $L, $L)", column, FLAT, jacobian, column, part);
            else body.addStatement("$T.put($L, $L, $L)", FLAT, jacobian, column, part);
        }
        return body.endControlFlow().addStatement("return $L", value).build();
    }
}
