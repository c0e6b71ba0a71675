package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The private fields derivative methods read: of the receiver, and private static ones whose
 * value is not a table of constants ({@link CopiedTables}). The generated class is another class
 * and cannot name them, so it reads them through one {@code static final VarHandle} each, found
 * once with {@code MethodHandles.privateLookupIn}. A static final handle is a constant to the JIT,
 * which compiles {@code (double) H.get(self)} to the same load as {@code self.x}: unlike
 * reflection ({@code Field.get}: boxing, access checks) it costs nothing per call.
 */
final class FieldHandles {
    private static final ClassName VAR_HANDLE = ClassName.get("java.lang.invoke", "VarHandle");
    private static final ClassName METHOD_HANDLES = ClassName.get("java.lang.invoke", "MethodHandles");

    private FieldHandles() {}

    /** Adds the handles the plans' graphs read, and the static initialiser that finds them. */
    static void declareHandles(TypeSpec.Builder spec, TypeElement type, List<GradClassWriter.Plan> plans) {
        Map<String, Node> byHandle = new LinkedHashMap<>();
        for (GradClassWriter.Plan plan : plans) {
            collect(plan.reverse(), byHandle);
            collect(plan.forward(), byHandle);
            if (plan.hvp() != null) collect(plan.hvp(), byHandle);
        }
        if (byHandle.isEmpty()) return;
        CodeBlock.Builder init = CodeBlock.builder().beginControlFlow("try");
        ClassName owner = ClassName.get(type);
        init.addStatement(
                "$T.Lookup lookup = $T.privateLookupIn($T.class, $T.lookup())",
                METHOD_HANDLES,
                METHOD_HANDLES,
                owner,
                METHOD_HANDLES);
        for (var entry : byHandle.entrySet()) {
            Refs.Field field = entry.getValue().field();
            spec.addField(
                    FieldSpec.builder(VAR_HANDLE, entry.getKey(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                            .build());
            if (field.access() == Refs.FieldAccess.STATIC_HANDLE) {
                init.addStatement(
                        "$L = $T.privateLookupIn($T.class, $T.lookup()).findStaticVarHandle($T.class, $S, $T.class)",
                        entry.getKey(),
                        METHOD_HANDLES,
                        field.owner(),
                        METHOD_HANDLES,
                        field.owner(),
                        field.name(),
                        javaType(entry.getValue()));
                continue;
            }
            init.addStatement(
                    "$L = lookup.findVarHandle($T.class, $S, $T.class)",
                    entry.getKey(),
                    field.owner(),
                    field.name(),
                    javaType(entry.getValue()));
        }
        init.nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
                .endControlFlow();
        spec.addStaticBlock(init.build());
    }

    /** The field's Java type: its graph type's, or the declared one of a String or enum field. */
    static com.palantir.javapoet.TypeName javaType(Node field) {
        return field.field().declared() != null ? field.field().declared() : field.type.javaType;
    }

    private static void collect(Graph graph, Map<String, Node> byHandle) {
        for (Node n : graph.nodes()) {
            if (n.op == Op.FIELD
                    && (n.field().access() == Refs.FieldAccess.RECEIVER_HANDLE
                            || n.field().access() == Refs.FieldAccess.STATIC_HANDLE))
                byHandle.putIfAbsent(n.field().handleName(), n);
        }
    }
}
