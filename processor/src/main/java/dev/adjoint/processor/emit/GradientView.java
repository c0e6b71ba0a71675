package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Makes a gradient record with array components a {@code dev.adjoint.runtime.Gradient}: its
 * {@code arrays()} lists them (a matrix as its rows) so that an optimiser steps them all in one
 * call. A record of scalars only is left as it is: no parameter of it can be stepped in place.
 */
final class GradientView {
    static final ClassName GRADIENT = ClassName.get("dev.adjoint.runtime", "Gradient");
    private static final TypeName MATRIX = ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));

    private GradientView() {}

    static void addTo(TypeSpec.Builder record, Signature s) {
        List<Refs.Param> arrays = s.differentiated().values().stream()
                .filter(p -> p.type() == Type.DOUBLE_ARRAY || p.type() == Type.DOUBLE_MATRIX)
                .toList();
        if (arrays.isEmpty()) return;
        record.addSuperinterface(GRADIENT)
                .addMethod(MethodSpec.methodBuilder("arrays")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(MATRIX)
                        .addStatement("return $L", rows(arrays))
                        .build());
    }

    /** {@code new double[][] {da, db}} when every component is a vector, else {@code Gradient.concat} of the parts. */
    private static CodeBlock rows(List<Refs.Param> arrays) {
        List<CodeBlock> parts = new ArrayList<>();
        List<CodeBlock> vectors = new ArrayList<>();
        for (Refs.Param p : arrays) {
            CodeBlock component = CodeBlock.of("$N", "d" + p.name());
            if (p.type() == Type.DOUBLE_ARRAY) {
                vectors.add(component);
                continue;
            }
            if (!vectors.isEmpty()) parts.add(vectorsBlock(vectors));
            vectors = new ArrayList<>();
            parts.add(component);
        }
        if (!vectors.isEmpty()) parts.add(vectorsBlock(vectors));
        if (parts.size() == 1 && arrays.stream().allMatch(p -> p.type() == Type.DOUBLE_ARRAY)) return parts.get(0);
        return CodeBlock.of("$T.concat($L)", GRADIENT, CodeBlock.join(parts, ", "));
    }

    private static CodeBlock vectorsBlock(List<CodeBlock> vectors) {
        return CodeBlock.of("new double[][] {$L}", CodeBlock.join(vectors, ", "));
    }
}
