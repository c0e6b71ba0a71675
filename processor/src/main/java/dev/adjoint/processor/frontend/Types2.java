package dev.adjoint.processor.frontend;

import dev.adjoint.processor.graph.Type;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps javac's types onto the value types of the graph. */
final class Types2 {
    private Types2() {}

    /** The graph type of {@code mirror}, or null when the subset does not compute with it. */
    static Type of(TypeMirror mirror) {
        return switch (mirror.getKind()) {
            case DOUBLE -> Type.DOUBLE;
            case INT -> Type.INT;
            case LONG -> Type.LONG;
            case BOOLEAN -> Type.BOOLEAN;
            case ARRAY -> {
                TypeMirror component = ((ArrayType) mirror).getComponentType();
                if (component.getKind() == TypeKind.DOUBLE) yield Type.DOUBLE_ARRAY;
                if (component.getKind() == TypeKind.INT) yield Type.INT_ARRAY;
                Type readOnly = NarrowIntegers.readOnlyArray(component.getKind());
                if (readOnly != null) yield readOnly;
                if (component.getKind() == TypeKind.ARRAY
                        && ((ArrayType) component).getComponentType().getKind() == TypeKind.DOUBLE)
                    yield Type.DOUBLE_MATRIX;
                yield null;
            }
            default -> null;
        };
    }

    /** Whether a value of type {@code from} converts to {@code to} by identity or primitive widening. */
    static boolean widens(Type from, Type to) {
        if (from == to) return true;
        return switch (from) {
            case INT -> to == Type.LONG || to == Type.DOUBLE;
            case LONG -> to == Type.DOUBLE;
            default -> false;
        };
    }
}
