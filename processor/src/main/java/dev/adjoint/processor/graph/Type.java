package dev.adjoint.processor.graph;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/** The value types the supported subset computes with. Only {@code double}-based ones carry derivatives. */
public enum Type {
    DOUBLE(TypeName.DOUBLE),
    INT(TypeName.INT),
    LONG(TypeName.LONG),
    BOOLEAN(TypeName.BOOLEAN),
    DOUBLE_ARRAY(ArrayTypeName.of(TypeName.DOUBLE)),
    DOUBLE_MATRIX(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE))),
    INT_ARRAY(ArrayTypeName.of(TypeName.INT)),
    /** Arrays read as constants only (parameters and their aliases); a short, char or byte element reads as an int. */
    LONG_ARRAY(ArrayTypeName.of(TypeName.LONG)),
    BOOLEAN_ARRAY(ArrayTypeName.of(TypeName.BOOLEAN)),
    SHORT_ARRAY(ArrayTypeName.of(TypeName.SHORT)),
    CHAR_ARRAY(ArrayTypeName.of(TypeName.CHAR)),
    BYTE_ARRAY(ArrayTypeName.of(TypeName.BYTE)),
    /** A record returned by a generated reverse method, or a {@code Dual}. */
    OBJECT(ClassName.OBJECT),
    /**
     * A parameter or field of another type (a {@code String} or enum a switch selects on): a
     * leaf, printed by its name, that only a switch's case index and the call that rethrows read.
     */
    REFERENCE(ClassName.OBJECT),
    /** Statements with an effect and no value (accumulating into an adjoint array). */
    VOID(TypeName.VOID);

    public final TypeName javaType;

    Type(TypeName javaType) {
        this.javaType = javaType;
    }

    /** Types whose values can depend differentiably on the inputs. */
    public boolean isFloating() {
        return this == DOUBLE || this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
    }

    public boolean isNumeric() {
        return this == DOUBLE || this == INT || this == LONG;
    }

    public boolean isArray() {
        return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX || this == INT_ARRAY || isReadOnlyArray();
    }

    /** long[], boolean[], short[], char[] and byte[]: arrays the subset reads and never writes. */
    public boolean isReadOnlyArray() {
        return this == LONG_ARRAY
                || this == BOOLEAN_ARRAY
                || this == SHORT_ARRAY
                || this == CHAR_ARRAY
                || this == BYTE_ARRAY;
    }

    /** The element type of an array type. */
    public Type element() {
        return switch (this) {
            case DOUBLE_ARRAY -> DOUBLE;
            case DOUBLE_MATRIX -> DOUBLE_ARRAY;
            case INT_ARRAY, SHORT_ARRAY, CHAR_ARRAY, BYTE_ARRAY -> INT;
            case LONG_ARRAY -> LONG;
            case BOOLEAN_ARRAY -> BOOLEAN;
            default -> throw new IllegalStateException(this + " is not an array");
        };
    }

    /** Binary numeric promotion (JLS 5.6.2) over the numeric types we support. */
    public static Type promote(Type a, Type b) {
        if (a == DOUBLE || b == DOUBLE) return DOUBLE;
        if (a == LONG || b == LONG) return LONG;
        return INT;
    }
}
