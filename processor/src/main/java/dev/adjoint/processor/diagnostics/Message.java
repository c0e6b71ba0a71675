package dev.adjoint.processor.diagnostics;

/**
 * Every message Adjoint prints, in one place. Each starts with a stable id in brackets so users
 * can search for it, says what the construct is, and says what to do instead.
 */
public enum Message {
    NEEDS_JAVAC(
            "NeedsJavac",
            "Adjoint reads method bodies through javac's Tree API, which this compiler (%s) does not provide; compile with javac (Maven, Gradle or plain javac)"),
    NOT_STATIC(
            "NotStatic",
            "@Differentiable method %s is an instance method of an interface; Adjoint differentiates static methods and instance methods of classes, records and enums: make it static and pass what it reads as parameters"),
    RETURN_TYPE(
            "ReturnType",
            "@Differentiable method %s returns %s; it must return double, the scalar whose derivatives are wanted, or double[] for a Jacobian"),
    MATRIX_RETURN(
            "MatrixReturn",
            "@Differentiable method %s returns double[][]; Adjoint differentiates methods that return double or double[] only: return the matrix's elements as one double[] in row-major order (element (i, j) at i * columns + j)"),
    NO_BODY(
            "NoBody",
            "@Differentiable method %s has no body to differentiate: give it one, in a class rather than an interface, and drop abstract or native"),
    GENERIC(
            "Generic",
            "@Differentiable method %s declares type parameters; remove them, the differentiated subset has no generic types"),
    OVERLOAD(
            "Overload",
            "@Differentiable method %s and its @Differentiable overload %s would both generate %s in %s, the same method twice: rename one of them, or change which parameters wrt differentiates"),
    NAME_CLASH(
            "NameClash",
            "@Differentiable method %s would generate names in %s that @Differentiable method %s generates too (records are named after methods with a capital, tangents with the suffix Tangent): rename one of them"),
    WRT_UNKNOWN("WrtUnknown", "wrt names \"%s\", but %s has no parameter of that name; its parameters are: %s"),
    WRT_TYPE(
            "WrtType",
            "wrt names parameter %s of type %s; only double, double[] and double[][] parameters can be differentiated: remove it from wrt (it is then a constant)"),
    NO_INPUTS(
            "NoInputs",
            "%s has nothing to differentiate: it needs a double, double[] or double[][] parameter (or one named in wrt)"),
    FLOAT(
            "Float",
            "parameter %s of @Differentiable method %s is a %s; Adjoint differentiates double values only (float arithmetic loses the precision derivatives need): declare it double, and keep a float overload without @Differentiable that calls the double one if callers need it"),
    LOCAL_CLASS(
            "LocalClass",
            "@Differentiable method %s is declared in %s, which the generated class cannot name, so Adjoint does not differentiate it: move it to a top-level or static nested class"),
    STATEMENT("Statement", "%s is not supported in a @Differentiable method: %s"),
    EXPRESSION("Expression", "%s is not supported in a @Differentiable method: %s"),
    TYPE(
            "Type",
            "values of type %s are not supported in a @Differentiable method: use double, int, long, boolean (short, char and byte compute as int), double[], double[][] or int[] (long[], boolean[], short[], char[] and byte[] are read as constants)"),
    UNKNOWN_NAME(
            "UnknownName",
            "cannot resolve %s in a @Differentiable method: it must be a parameter, a local variable or a static field"),
    UNASSIGNED("Unassigned", "variable %s is read before it is assigned: give it a value first"),
    OPAQUE_CALL(
            "OpaqueCall",
            "%s receives a value that depends on the differentiated parameters, but it is neither a java.lang.Math function nor @Differentiable, so Adjoint cannot differentiate through it: mark it @Differentiable, or pass it only constants"),
    CALLEE_BODY(
            "CalleeBody",
            "%s receives a value that depends on the differentiated parameters; it is not @Differentiable, so Adjoint derives its derivatives from its body, which it cannot differentiate: %s. Change that code, or write the derivatives of %s as @DerivativeOf rules"),
    BIT_REINTERPRETATION(
            "BitReinterpretation",
            "%s rebuilds a floating-point value from the bits of a value that depends on the differentiated parameters; that value is a smooth function of the parameters that Adjoint cannot follow through the bits (taking the bits for a constant would give a silently wrong zero): compute it with arithmetic or Math functions (e.g. Math.nextUp, Math.ulp on a constant, or a split by multiplication such as Dekker's 134217729.0 * x)"),
    NO_RULE(
            "NoRule",
            "%s receives a value that depends on the differentiated parameters, but Adjoint has no derivative rule for it: rewrite it with functions Adjoint knows (see the README)"),
    CALLEE_WRT(
            "CalleeWrt",
            "the argument for parameter %s of %s depends on the differentiated parameters, but %s is not differentiated with respect to %s: add it to that method's wrt"),
    CALL_MAY_WRITE(
            "CallMayWrite",
            "%s is called as a statement, but %s; the derivative methods could not follow such a write. Adjoint runs a call whose result is dropped (an argument check) only when it reads what it receives: let the method of this compilation write no array it receives and no field, or do the writing in the @Differentiable method itself"),
    CALLEE_WRITES(
            "CalleeWrites",
            "%s writes into the elements of its parameter %s, which the caller would see; the derivative methods of %s work on a copy of %s and cannot reproduce that: let it write into a copy (double[] w = v.clone()) and return what the caller needs"),
    CALLEE_NAMES(
            "CalleeNames",
            "%s was compiled without parameter names, so its wrt cannot be matched to its parameters: compile it with -parameters"),
    UNRESOLVED_METHOD(
            "UnresolvedMethod",
            "cannot find a static method %s applicable to (%s): call a static method with int, long, double, boolean or array arguments (varargs are not supported)"),
    INSTANCE_CALL(
            "InstanceCall",
            "%s is an instance method; a @Differentiable method may call static methods, and an instance method its receiver's own methods too (f(x) or this.f(x))"),
    PRIVATE(
            "Private",
            "%s is not accessible from the generated class %s (it, or a class around it, is private, or it is protected in another package): make it package-private or public"),
    GRAD_CLASS_TAKEN(
            "GradClassTaken",
            "Adjoint generates the class %s for the @Differentiable methods of %s, but a class of that name exists already: rename it"),
    FIELD_WRITE(
            "FieldWrite",
            "assignment to field %s: a @Differentiable method may not write fields; use a local variable"),
    ARRAY_WRITE(
            "ArrayWrite",
            "assignment to an element of %s, an array the method does not own (a field, or a parameter reached through another variable): write to the parameter by its own name (Adjoint then works on a copy), or copy it first with clone()"),
    ARRAY_CHOICE_WRITE(
            "ArrayChoiceWrite",
            "assignment to an element of %s, which names one of several arrays (chosen by ?: or by an if), so Adjoint cannot follow which one is written: write to each array by its own name"),
    TOO_LARGE(
            "TooLarge",
            "the derivatives of %s would need %d graph nodes in one loop or branch, which Adjoint cannot cut into several methods; that is more than the %d that fit the JVM's 64 KiB method limit: split it into smaller @Differentiable methods that call each other"),
    RULE_SIGNATURE("RuleSignature", "@DerivativeOf rule %s does not fit %s: %s"),
    RULE_FUNCTION(
            "RuleFunction",
            "@DerivativeOf names %s, but %s has no method of that name: name a static method of that class, and set in = ... when the function lives in another class"),
    RULE_PARAMETER(
            "RuleParameter",
            "@DerivativeOf wrt names \"%s\", but %s has no parameter of that name or position; its parameters are %s, at positions 0 to %d"),
    RULE_DUPLICATE("RuleDuplicate", "%s has two @DerivativeOf rules for parameter %s: %s and %s; keep one"),
    MISSING_RULE(
            "MissingRule",
            "the argument for parameter %s of %s depends on the differentiated parameters, but %s has no @DerivativeOf rule for %s: write one, @DerivativeOf(value = \"%s\", wrt = \"%s\")"),
    ORDER(
            "Order",
            "order = %d on %s: Adjoint generates first derivatives (order = 1, the default) or second derivatives too (order = 2): use 1 or 2"),
    CHECKPOINT("Checkpoint", "@Checkpointed is not supported on %s: %s"),
    SECOND_ORDER_UNSUPPORTED(
            "SecondOrderUnsupported",
            "%s has order = 2, but Hessian-vector products through %s are not implemented yet: remove order = 2 (the gradient and the tangent work as before), or, for a call, write the callee's computation in place of the call"),
    CALLEE_ORDER(
            "CalleeOrder",
            "%s comes from a compiled class without second derivatives (its @Differentiable has no order = 2), so %s, which has order = 2, cannot differentiate it twice: add order = 2 to its @Differentiable and compile it again"),
    RULE_ORDER(
            "RuleOrder",
            "%s is differentiated by its @DerivativeOf rule %s, which %s, having order = 2, must differentiate in its turn, and cannot: the rule's body is not part of this compilation (it comes from a compiled class); write @DerivativeOf(value = \"%s\", wrt = ...) in this build for each parameter of the rule that depends on the differentiated ones, mark the rule @Differentiable where it is compiled, or remove order = 2"),
    RULE_BODY(
            "RuleBody",
            "%s is differentiated by its @DerivativeOf rule %s, which second derivatives (order = 2) differentiate in their turn, from the rule's body; Adjoint cannot differentiate that body: %s. Change the rule's code, write rules for the rule itself (@DerivativeOf(value = \"%s\", wrt = ...)), or remove order = 2"),
    INTERNAL("Internal", "Adjoint failed on %s (%s); this is a bug in Adjoint: please report it with this method");

    private final String id;
    private final String format;

    Message(String id, String format) {
        this.id = id;
        this.format = format;
    }

    public String format(Object... args) {
        String f = this == TYPE && isStringOrEnum(args[0])
                ? STRING_OR_ENUM_TYPE
                : this == TYPE && isObjectType(args[0]) ? OBJECT_TYPE : format;
        return "[Adjoint." + id + "] " + String.format(f, args);
    }

    /** {@link #TYPE} for a class type: what is missing is following an object's state, say so. */
    private static final String OBJECT_TYPE =
            "values of type %s are not supported in a @Differentiable method: it is an object, and Adjoint follows double values and arrays, not the state an object keeps in its fields and changes through its methods (an accumulator, a series generator, a settings object): compute with double locals and static methods, or write the derivatives of the method that uses it as @DerivativeOf rules";

    /** {@link #TYPE} for a String or an enum: where such a value may stand, say so. */
    private static final String STRING_OR_ENUM_TYPE =
            "values of type %s are supported only where a String or enum parameter or field stands for itself: as the selector of a switch, or as an argument passed on to a call; not in a local variable, a comparison or a method call on it: switch on the parameter or field itself, or pass in an int code computed before the call";

    private static boolean isStringOrEnum(Object type) {
        if (type instanceof javax.lang.model.type.DeclaredType d)
            return d.asElement().getKind() == javax.lang.model.element.ElementKind.ENUM
                    || d.toString().equals("java.lang.String");
        return String.valueOf(type).equals("String") || String.valueOf(type).equals("java.lang.String");
    }

    private static boolean isObjectType(Object type) {
        String t = String.valueOf(type);
        return !t.endsWith("]")
                && !java.util.Set.of("float", "short", "char", "byte", "void", "double", "int", "long", "boolean")
                        .contains(t);
    }
}
