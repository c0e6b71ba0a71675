package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Private methods the derivative methods call for a value only (a private helper with constant
 * arguments, static or the receiver's, or a private callee called again to throw its exception).
 * The generated class cannot name them, so each gets an accessor that invokes a {@code static
 * final MethodHandle} found once with {@code MethodHandles.privateLookupIn}: a constant the JIT
 * inlines through, unlike reflection. The receiver's methods are found virtual (a private one
 * is never overridden) and their accessors take the receiver first.
 */
final class HiddenMethods {
    private static final ClassName METHOD_HANDLE = ClassName.get("java.lang.invoke", "MethodHandle");
    private static final ClassName METHOD_HANDLES = ClassName.get("java.lang.invoke", "MethodHandles");
    private static final ClassName METHOD_TYPE = ClassName.get("java.lang.invoke", "MethodType");
    private static final String FINDER = "privateStaticMethod";
    private static final String INSTANCE_FINDER = "privateInstanceMethod";

    private HiddenMethods() {}

    /** Adds a handle and an accessor for each hidden method the plans' graphs call. */
    static void declare(TypeSpec.Builder spec, List<GradClassWriter.Plan> plans) {
        Map<String, Refs.Method> byAccessor = new LinkedHashMap<>();
        for (GradClassWriter.Plan plan : plans) {
            collect(plan.reverse(), byAccessor);
            collect(plan.forward(), byAccessor);
        }
        if (byAccessor.isEmpty()) return;
        boolean statics = false, instances = false;
        for (Refs.Method m : byAccessor.values()) {
            Refs.Hidden h = m.hidden();
            String handle = m.name().toUpperCase(Locale.ROOT) + "_HANDLE";
            CodeBlock.Builder type = CodeBlock.builder().add("$T.methodType($T.class", METHOD_TYPE, h.returns());
            for (TypeName p : h.params()) type.add(", $T.class", p);
            type.add(")");
            statics |= !h.instance();
            instances |= h.instance();
            spec.addField(FieldSpec.builder(METHOD_HANDLE, handle, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer(
                            "$L($T.class, $S, $L)",
                            h.instance() ? INSTANCE_FINDER : FINDER,
                            h.owner(),
                            h.name(),
                            type.build())
                    .build());
            List<ParameterSpec> params = new ArrayList<>();
            List<CodeBlock> args = new ArrayList<>();
            if (h.instance()) {
                params.add(
                        ParameterSpec.builder(h.owner(), JavaEmitter.RECEIVER).build());
                args.add(CodeBlock.of("$L", JavaEmitter.RECEIVER));
            }
            for (int i = 0; i < h.params().size(); i++) {
                params.add(ParameterSpec.builder(h.params().get(i), "p" + i).build());
                args.add(CodeBlock.of("p$L", i));
            }
            spec.addMethod(MethodSpec.methodBuilder(m.name())
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc("Calls the private {@code $T.$L}.\n", h.owner(), h.name())
                    .returns(h.returns())
                    .addParameters(params)
                    .beginControlFlow("try")
                    .addStatement("return ($T) $L.invokeExact($L)", h.returns(), handle, CodeBlock.join(args, ", "))
                    .nextControlFlow("catch ($T | $T e)", RuntimeException.class, Error.class)
                    .addStatement("throw e")
                    .nextControlFlow("catch ($T e)", Throwable.class)
                    .addStatement("throw new $T(e)", java.lang.reflect.UndeclaredThrowableException.class)
                    .endControlFlow()
                    .build());
        }
        if (statics) spec.addMethod(finder(FINDER, "findStatic"));
        if (instances) spec.addMethod(finder(INSTANCE_FINDER, "findVirtual"));
    }

    /** The method that finds a handle once, in the generated class's static initializer. */
    private static MethodSpec finder(String name, String find) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(METHOD_HANDLE)
                .addParameter(ParameterSpec.builder(Class.class, "owner").build())
                .addParameter(String.class, "name")
                .addParameter(METHOD_TYPE, "type")
                .beginControlFlow("try")
                .addStatement(
                        "return $T.privateLookupIn(owner, $T.lookup()).$L(owner, name, type)",
                        METHOD_HANDLES,
                        METHOD_HANDLES,
                        find)
                .nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
                .endControlFlow()
                .build();
    }

    private static void collect(Graph graph, Map<String, Refs.Method> byAccessor) {
        for (Node n : graph.nodes()) {
            if (n.op == Op.CALL_CONST && n.method().hidden() != null)
                byAccessor.putIfAbsent(n.method().name(), n.method());
        }
    }
}
