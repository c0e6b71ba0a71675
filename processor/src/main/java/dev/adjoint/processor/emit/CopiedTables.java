package dev.adjoint.processor.emit;

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

/**
 * Private static tables of constants the derivative methods read ({@code private static final
 * double[] LANCZOS = {…}}), copied into private static final fields of the generated class: the
 * generated class cannot name the original, and a copy of the same constants reads as fast.
 */
final class CopiedTables {
    private CopiedTables() {}

    /** Adds one field per table the plans' graphs read, named {@code OWNER_NAME}. */
    static void declare(TypeSpec.Builder spec, List<GradClassWriter.Plan> plans) {
        Map<String, Node> byName = new LinkedHashMap<>();
        for (GradClassWriter.Plan plan : plans) {
            collect(plan.reverse(), byName);
            collect(plan.forward(), byName);
        }
        for (var entry : byName.entrySet()) {
            Refs.Field field = entry.getValue().field();
            spec.addField(FieldSpec.builder(
                            entry.getValue().type.javaType,
                            entry.getKey(),
                            Modifier.PRIVATE,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .addJavadoc("A copy of {@code $L.$L}.\n", field.owner().simpleName(), field.name())
                    .initializer("$L", field.table())
                    .build());
        }
    }

    private static void collect(Graph graph, Map<String, Node> byName) {
        for (Node n : graph.nodes()) {
            if (n.op == Op.FIELD && n.field().access() == Refs.FieldAccess.COPIED_TABLE)
                byName.putIfAbsent(n.field().handleName(), n);
        }
    }
}
