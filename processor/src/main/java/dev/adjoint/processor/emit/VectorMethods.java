package dev.adjoint.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.modes.reverse.ReverseMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The generated methods of a {@code double[]}-valued method {@code f}: {@code fVjp} (reverse mode,
 * seedᵀ·J, from the reverse graph), {@code fTangent} (forward mode, J·t, from the forward graph)
 * and {@code fJacobian}, with their records {@code FVjp} and {@code FJacobian}. The Jacobian comes
 * from {@link JacobianMethods} (one forward sweep, a backward sweep per output) where the backward
 * sweep can repeat, else from whichever of fTangent and fVjp needs fewer whole passes
 * ({@code dev.adjoint.runtime.internal.Jacobians}).
 */
final class VectorMethods {
    static final ClassName JACOBIANS = ClassName.get("dev.adjoint.runtime.internal", "Jacobians");
    private static final ClassName DIFFERENTIATED = ClassName.get("dev.adjoint", "DifferentiatedParameters");
    private static final TypeName VECTOR = ArrayTypeName.of(TypeName.DOUBLE);

    /** The types these methods name unqualified, which no local may obscure. */
    static final List<ClassName> NAMED = List.of(JavaEmitter.DUAL_ARRAY, JACOBIANS);

    private VectorMethods() {}

    static List<ClassName> recordNames(ClassName grad, Signature s) {
        return List.of(jacobianRecord(grad, s), vjpRecord(grad, s));
    }

    private static ClassName jacobianRecord(ClassName grad, Signature s) {
        return grad.nestedClass(GradClassWriter.recordName(grad, s).simpleName() + "Jacobian");
    }

    private static ClassName vjpRecord(ClassName grad, Signature s) {
        return grad.nestedClass(GradClassWriter.recordName(grad, s).simpleName() + "Vjp");
    }

    static void add(
            TypeSpec.Builder spec, ClassName grad, GradClassWriter.Plan plan, List<ClassName> declared, int partBytes) {
        Signature s = plan.signature();
        spec.addType(record(jacobianRecord(grad, s), s, true));
        spec.addType(record(vjpRecord(grad, s), s, false));
        List<MethodSpec> helpers = new ArrayList<>();
        // one forward sweep and a backward sweep per output where the backward sweep can repeat, else whole passes
        List<MethodSpec> repeated = JacobianMethods.write(jacobianRecord(grad, s), plan, declared, partBytes);
        List<MethodSpec> jacobian = jacobian(grad, s);
        spec.addMethod(jacobian.get(0));
        spec.addMethods(repeated.isEmpty() ? jacobian.subList(1, 2) : repeated);
        // beyond the contract: the Jacobian into the caller's flat array
        spec.addMethods(JacobianIntoMethods.write(jacobianRecord(grad, s), plan, declared, partBytes));
        spec.addMethod(vjp(grad, plan, declared, helpers, partBytes));
        spec.addMethod(tangent(plan, declared, helpers, partBytes));
        SecondOrderWriter.add(spec, grad, plan, declared, helpers, partBytes);
        spec.addMethods(helpers);
    }

    /** {@code FJacobian(double[] value, d<p>...)}, a block per parameter with one more dimension; {@code FVjp} with the parameter's shape. */
    private static TypeSpec record(ClassName name, Signature s, boolean jacobian) {
        MethodSpec.Builder components = MethodSpec.constructorBuilder().addParameter(VECTOR, "value");
        for (Refs.Param p : s.differentiated().values()) {
            TypeName type = p.type().javaType;
            components.addParameter(jacobian ? ArrayTypeName.of(type) : type, "d" + p.name());
        }
        String what = jacobian
                ? "The value of $L and its Jacobian: {@code d<parameter>[i]} holds the derivatives of output i, shaped like the parameter.\n"
                : "The value of $L and the vector–Jacobian product seedᵀ·J: {@code d<parameter>} shaped like the parameter.\n";
        return TypeSpec.recordBuilder(name)
                .addModifiers(GradClassWriter.visibility(s))
                .addJavadoc(what, GradClassWriter.source(s))
                .recordConstructor(components.build())
                .build();
    }

    private static MethodSpec vjp(
            ClassName grad,
            GradClassWriter.Plan plan,
            List<ClassName> declared,
            List<MethodSpec> helpers,
            int partBytes) {
        Signature s = plan.signature();
        Names names = GradClassWriter.reserved(s, plan.reverse(), declared);
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        paramNames.put(ReverseMode.SEED.index(), names.fresh(ReverseMode.SEED.name()));
        JavaEmitter emitter = new JavaEmitter(plan.reverse(), names, p -> paramNames.get(p.index()), p -> {
                    throw new IllegalStateException("no tangents in reverse mode");
                })
                .sweepLabels(
                        "forward sweep: the primal, keeping each intermediate that the backward sweep reads",
                        "backward sweep: adjoints in reverse order, from the seed, each one summed over the consumers of its value")
                .borrowing()
                .sourceLines(plan.source());
        List<ParameterSpec> parameters = new ArrayList<>(GradClassWriter.parameters(s, paramNames, false, Map.of()));
        parameters.add(ParameterSpec.builder(VECTOR, paramNames.get(ReverseMode.SEED.index()))
                .build());
        String m = s.name();
        emitter.parts(m + "Vjp", parameters, partBytes);
        ClassName record = vjpRecord(grad, s);
        CodeBlock body =
                emitter.body(results -> CodeBlock.of("return new $T($L);\n", record, CodeBlock.join(results, ", ")));
        helpers.addAll(emitter.helpers());
        return MethodSpec.methodBuilder(m + "Vjp")
                .addModifiers(GradClassWriter.visibility(s), Modifier.STATIC)
                .returns(record)
                .addParameters(parameters)
                .addJavadoc(
                        "Reverse mode of $L: its value and seedᵀ·J, for a seed of the output's length\n",
                        GradClassWriter.source(s))
                .addJavadoc("(else an {@code IllegalArgumentException}).\n")
                .addCode(body)
                .build();
    }

    private static MethodSpec tangent(
            GradClassWriter.Plan plan, List<ClassName> declared, List<MethodSpec> helpers, int partBytes) {
        return GradClassWriter.tangentMethod(
                plan,
                declared,
                helpers,
                partBytes,
                JavaEmitter.DUAL_ARRAY,
                "Forward mode of $L: its value and J·t, t the direction given by the tangent\n"
                        + "parameters, each following the parameter it perturbs.\n");
    }

    /**
     * The public {@code fJacobian}, which lets {@code Jacobians} choose the mode, and the private
     * overload that takes the mode first (tests call it to compare both modes).
     */
    private static List<MethodSpec> jacobian(ClassName grad, Signature s) {
        String m = s.name();
        ClassName record = jacobianRecord(grad, s);
        Names names = new Names();
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        List<ParameterSpec> parameters = GradClassWriter.parameters(s, paramNames, false, Map.of());
        String mode = names.fresh("mode"), direction = names.fresh("direction"), seed = names.fresh("seed");
        String product = names.fresh("product"), blocks = names.fresh("blocks");
        String arguments = parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "));
        String positions =
                s.differentiated().keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
        MethodSpec chosen = MethodSpec.methodBuilder(m + "Jacobian")
                .addModifiers(GradClassWriter.visibility(s), Modifier.STATIC)
                .addAnnotation(AnnotationSpec.builder(DIFFERENTIATED)
                        .addMember("value", "{$L}", positions)
                        .build())
                .returns(record)
                .addParameters(parameters)
                .varargs(s.method().isVarArgs())
                .addJavadoc(
                        "The Jacobian of $L, by forward mode (a pass per differentiated input) or\n",
                        GradClassWriter.source(s))
                .addJavadoc("reverse mode (a pass per output), whichever needs fewer passes.\n")
                .addStatement("return $L($T.EITHER, $L)", m + "Jacobian", JACOBIANS, arguments)
                .build();

        // fTangent's arguments: each differentiated parameter followed by its direction
        List<String> tangentArgs = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> components = new ArrayList<>();
        List<String> casts = new ArrayList<>();
        // an instance method's receiver goes first, then its own parameters
        if (s.onInstance()) tangentArgs.add(JavaEmitter.RECEIVER);
        int k = 0;
        for (int i = 0; i < s.method().getParameters().size(); i++) {
            tangentArgs.add(paramNames.get(i));
            Refs.Param p = s.differentiated().get(i);
            if (p == null) continue;
            TypeName type = p.type().javaType;
            tangentArgs.add("(" + (type.isPrimitive() ? "Double" : type.toString()) + ") " + direction + "[" + k + "]");
            inputs.add(paramNames.get(i));
            components.add(product + ".d" + p.name() + "()");
            casts.add("(" + ArrayTypeName.of(type) + ") " + blocks + "[" + (k + 1) + "]");
            k++;
        }
        List<String> vjpArgs =
                new ArrayList<>(parameters.stream().map(ParameterSpec::name).toList());
        vjpArgs.add(seed);
        CodeBlock body = CodeBlock.builder()
                .add(
                        "$T[] $L = $T.of($L, new $T[] {$L},\n",
                        Object.class,
                        blocks,
                        JACOBIANS,
                        mode,
                        Object.class,
                        String.join(", ", inputs))
                .indent()
                .indent()
                .add("$L -> $LTangent($L),\n", direction, m, String.join(", ", tangentArgs))
                .add("$L -> {\n", seed)
                .indent()
                .addStatement("$T $L = $LVjp($L)", vjpRecord(grad, s), product, m, String.join(", ", vjpArgs))
                .addStatement("return new $T[] {$L.value(), $L}", Object.class, product, String.join(", ", components))
                .unindent()
                .add("});\n")
                .unindent()
                .unindent()
                .addStatement("return new $T(($T) $L[0], $L)", record, VECTOR, blocks, String.join(", ", casts))
                .build();
        MethodSpec byMode = JacobianMethods.byMode(m, record, mode, parameters)
                .addJavadoc(
                        "The Jacobian of $L by the mode given ({@code Jacobians.EITHER}, {@code FORWARD} or {@code REVERSE}).\n",
                        GradClassWriter.source(s))
                .addCode(body)
                .build();
        return List.of(chosen, byMode);
    }
}
