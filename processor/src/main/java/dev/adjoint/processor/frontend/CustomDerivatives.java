package dev.adjoint.processor.frontend;

import dev.adjoint.DerivativeOf;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The user's derivative rules ({@code @DerivativeOf}): for a function, the method that gives its
 * partial derivative with respect to each parameter (the function's op.bprop, Goodfellow,
 * Bengio and Courville, <i>Deep Learning</i>, §6.5, written by hand).
 *
 * <p>Rules come from two places. Those compiled in this build are checked and registered as
 * the processor meets them ({@link #register}), whatever class holds them. Those of a class
 * compiled earlier (a jar) are found by reading that class's own members: the annotation has
 * {@code CLASS} retention, so javac sees it in the class file. A later build therefore finds the
 * rules that sit in the function's own class; rules kept in a third class of a jar stay unknown
 * unless that class is compiled in the same build.
 */
public final class CustomDerivatives {
    static final String ANNOTATION = DerivativeOf.class.getCanonicalName();

    private final Elements elements;
    private final Types types;
    /** Per function: parameter position → rule. */
    private final Map<ExecutableElement, Map<Integer, ExecutableElement>> rules = new HashMap<>();
    /** Classes from earlier builds whose members were already read for rules. */
    private final Set<TypeElement> scanned = new HashSet<>();

    public CustomDerivatives(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** Checks a rule of this build, reporting every problem on it, and registers it if it holds. */
    public void register(ExecutableElement rule, Reporter reporter) {
        add(rule, reporter);
    }

    /** The rules of {@code function} by parameter position; empty when it has none. */
    public Map<Integer, ExecutableElement> of(ExecutableElement function) {
        if (function.getEnclosingElement() instanceof TypeElement owner && scanned.add(owner)) {
            // rules beside the function in a class compiled earlier: checked when that class was built
            for (Element e : owner.getEnclosedElements()) {
                if (e instanceof ExecutableElement m && annotation(m) != null && !isRegistered(m)) add(m, null);
            }
        }
        return rules.getOrDefault(function, Map.of());
    }

    private boolean isRegistered(ExecutableElement rule) {
        return rules.values().stream().anyMatch(byPosition -> byPosition.containsValue(rule));
    }

    /** Checks and registers; reports on the rule when {@code reporter} is given, else skips quietly. */
    private void add(ExecutableElement rule, Reporter reporter) {
        AnnotationMirror annotation = annotation(rule);
        if (annotation == null || isRegistered(rule)) return;
        String value = "", wrt = "";
        TypeElement in = (TypeElement) rule.getEnclosingElement();
        AnnotationValue wrtValue = null, nameValue = null;
        for (var entry : annotation.getElementValues().entrySet()) {
            String key = entry.getKey().getSimpleName().toString();
            Object v = entry.getValue().getValue();
            switch (key) {
                case "value" -> {
                    value = String.valueOf(v);
                    nameValue = entry.getValue();
                }
                case "wrt" -> {
                    wrt = String.valueOf(v);
                    wrtValue = entry.getValue();
                }
                case "in" -> {
                    if (v instanceof DeclaredType t && t.asElement() instanceof TypeElement named) in = named;
                }
                default -> {}
            }
        }
        String shownRule = ((TypeElement) rule.getEnclosingElement()).getSimpleName() + "." + rule.getSimpleName();
        String shownFunction = in.getSimpleName() + "." + value;
        if (!rule.getModifiers().contains(Modifier.STATIC)) {
            report(
                    reporter,
                    rule,
                    annotation,
                    null,
                    Message.RULE_SIGNATURE,
                    shownRule,
                    shownFunction,
                    "the rule must be static");
            return;
        }
        String functionName = value;
        List<ExecutableElement> named = elements.getAllMembers(in).stream()
                .filter(e ->
                        e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(functionName))
                .map(ExecutableElement.class::cast)
                .toList();
        if (named.isEmpty()) {
            report(reporter, rule, annotation, nameValue, Message.RULE_FUNCTION, value, in.getQualifiedName());
            return;
        }
        ExecutableElement function =
                named.stream().filter(f -> sameParameters(f, rule)).findFirst().orElse(null);
        if (function == null) {
            report(
                    reporter,
                    rule,
                    annotation,
                    null,
                    Message.RULE_SIGNATURE,
                    shownRule,
                    shownFunction,
                    "the rule takes (" + parameterTypes(rule) + ") but " + shownFunction + " takes ("
                            + parameterTypes(named.get(0)) + "): give the rule exactly the function's parameter list");
            return;
        }
        if (!function.getModifiers().contains(Modifier.STATIC)
                || function.getReturnType().getKind() != TypeKind.DOUBLE) {
            report(
                    reporter,
                    rule,
                    annotation,
                    null,
                    Message.RULE_SIGNATURE,
                    shownRule,
                    shownFunction,
                    "rules are for static methods returning double, and " + shownFunction + " is not one");
            return;
        }
        int position = position(function, wrt);
        if (position < 0) {
            List<String> names = function.getParameters().stream()
                    .map(p -> p.getSimpleName().toString())
                    .toList();
            report(
                    reporter,
                    rule,
                    annotation,
                    wrtValue,
                    Message.RULE_PARAMETER,
                    wrt,
                    shownFunction,
                    names,
                    names.size() - 1);
            return;
        }
        VariableElement param = function.getParameters().get(position);
        TypeMirror paramType = param.asType();
        if (Types2.of(paramType) == null || !Types2.of(paramType).isFloating()) {
            report(
                    reporter,
                    rule,
                    annotation,
                    wrtValue,
                    Message.RULE_SIGNATURE,
                    shownRule,
                    shownFunction,
                    "parameter " + param.getSimpleName() + " has type " + paramType
                            + "; rules are for double, double[] and double[][] parameters");
            return;
        }
        if (!types.isSameType(rule.getReturnType(), paramType)) {
            report(
                    reporter,
                    rule,
                    annotation,
                    null,
                    Message.RULE_SIGNATURE,
                    shownRule,
                    shownFunction,
                    "the rule returns " + rule.getReturnType() + "; the partial derivative with respect to "
                            + param.getSimpleName() + " has its type, " + paramType);
            return;
        }
        ExecutableElement earlier =
                rules.computeIfAbsent(function, f -> new TreeMap<>()).putIfAbsent(position, rule);
        if (earlier != null) {
            report(
                    reporter,
                    rule,
                    annotation,
                    wrtValue,
                    Message.RULE_DUPLICATE,
                    shownFunction,
                    param.getSimpleName(),
                    ((TypeElement) earlier.getEnclosingElement()).getSimpleName() + "." + earlier.getSimpleName(),
                    shownRule);
        }
    }

    /** The parameter {@code wrt} names: by name first, else by position ("0" for the first); -1 if none. */
    private static int position(ExecutableElement function, String wrt) {
        List<? extends VariableElement> params = function.getParameters();
        for (int i = 0; i < params.size(); i++)
            if (params.get(i).getSimpleName().contentEquals(wrt)) return i;
        if (!wrt.isEmpty() && wrt.chars().allMatch(Character::isDigit) && wrt.length() < 4) {
            int i = Integer.parseInt(wrt);
            if (i < params.size()) return i;
        }
        return -1;
    }

    private boolean sameParameters(ExecutableElement a, ExecutableElement b) {
        if (a.getParameters().size() != b.getParameters().size()) return false;
        for (int i = 0; i < a.getParameters().size(); i++) {
            if (!types.isSameType(
                    types.erasure(a.getParameters().get(i).asType()),
                    types.erasure(b.getParameters().get(i).asType()))) return false;
        }
        return true;
    }

    private static String parameterTypes(ExecutableElement m) {
        return String.join(
                ", ", m.getParameters().stream().map(p -> p.asType().toString()).toList());
    }

    private static void report(
            Reporter reporter,
            Element at,
            AnnotationMirror annotation,
            AnnotationValue value,
            Message message,
            Object... args) {
        if (reporter == null) return;
        if (value == null) reporter.error(at, message, args);
        else reporter.error(at, annotation, value, message, args);
    }

    private static AnnotationMirror annotation(ExecutableElement m) {
        for (AnnotationMirror a : m.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(ANNOTATION)) return a;
        }
        return null;
    }
}
