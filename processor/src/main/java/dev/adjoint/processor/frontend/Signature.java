package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import dev.adjoint.Differentiable;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * What a {@code @Differentiable} method's declaration says: its parameters as graph values and
 * which of them are differentiated (API.md: those named in {@code wrt}, else every double,
 * double[] and double[][] parameter).
 */
public record Signature(ExecutableElement method, List<Refs.Param> params, Map<Integer, Refs.Param> differentiated) {

  public static final String ANNOTATION = Differentiable.class.getCanonicalName();

  /** Checks the declaration of an annotated method, reporting every problem with it. */
  public static Optional<Signature> check(ExecutableElement m, Reporter reporter) {
    int before = reporter.errorCount();
    String name = m.getSimpleName().toString();
    if (!m.getModifiers().contains(Modifier.STATIC)) reporter.error(m, Message.NOT_STATIC, name);
    if (m.getReturnType().getKind() != TypeKind.DOUBLE) reporter.error(m, Message.RETURN_TYPE, name, m.getReturnType());
    if (m.getModifiers().contains(Modifier.ABSTRACT) || m.getModifiers().contains(Modifier.NATIVE)) reporter.error(m, Message.NO_BODY, name);
    if (!m.getTypeParameters().isEmpty()) reporter.error(m, Message.GENERIC, name);
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    long sameName = owner.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)).count();
    if (sameName > 1) reporter.error(m, Message.OVERLOAD, name, gradClass(owner).simpleName());

    List<Refs.Param> params = params(m);
    Map<Integer, Refs.Param> differentiated = new LinkedHashMap<>();
    List<String> wrt = wrt(m);
    if (wrt.isEmpty()) {
      for (Refs.Param p : params) if (p.type() != null && p.type().isFloating()) differentiated.put(p.index(), p);
    } else {
      AnnotationMirror annotation = annotationMirror(m);
      AnnotationValue value = wrtValue(annotation);
      for (String w : wrt) {
        Optional<Refs.Param> p = params.stream().filter(q -> q.name().equals(w)).findFirst();
        if (p.isEmpty()) {
          reporter.error(m, annotation, value, Message.WRT_UNKNOWN, w, name, params.stream().map(Refs.Param::name).toList());
        } else if (p.get().type() == null || !p.get().type().isFloating()) {
          reporter.error(m, annotation, value, Message.WRT_TYPE, w, m.getParameters().get(p.get().index()).asType());
        } else {
          differentiated.put(p.get().index(), p.get());
        }
      }
      // keep declaration order whatever order wrt lists them in
      Map<Integer, Refs.Param> ordered = new LinkedHashMap<>();
      differentiated.keySet().stream().sorted().forEach(i -> ordered.put(i, differentiated.get(i)));
      differentiated.clear();
      differentiated.putAll(ordered);
    }
    if (differentiated.isEmpty() && wrt.isEmpty()) reporter.error(m, Message.NO_INPUTS, name);
    if (reporter.errorCount() > before) return Optional.empty();
    return Optional.of(new Signature(m, params, differentiated));
  }

  /**
   * How a caller reaches {@code m} through its generated class, or empty when its wrt cannot be
   * matched to its parameters (a library compiled without parameter names).
   */
  public static Optional<Refs.Callee> callee(ExecutableElement m) {
    List<Refs.Param> params = params(m);
    List<String> wrt = wrt(m);
    boolean namesKnown = wrt.isEmpty() || params.stream().anyMatch(p -> wrt.contains(p.name()));
    if (!namesKnown) return Optional.empty();
    List<Refs.CalleeParam> out = new ArrayList<>();
    for (Refs.Param p : params) {
      boolean floating = p.type() != null && p.type().isFloating();
      boolean diff = floating && (wrt.isEmpty() || wrt.contains(p.name()));
      out.add(new Refs.CalleeParam(p.name(), p.type(), diff));
    }
    return Optional.of(new Refs.Callee(gradClass((TypeElement) m.getEnclosingElement()), m.getSimpleName().toString(), out));
  }

  public static boolean isDifferentiable(Element e) {
    return e.getKind() == ElementKind.METHOD && annotationMirror(e) != null;
  }

  /** {@code p.C} → {@code p.CGrad}; {@code p.Outer.Inner} → {@code p.Outer_InnerGrad} (API.md). */
  public static ClassName gradClass(TypeElement type) {
    ClassName c = ClassName.get(type);
    return ClassName.get(c.packageName(), String.join("_", c.simpleNames()) + "Grad");
  }

  public static TypeElement topLevel(TypeElement type) {
    TypeElement t = type;
    while (t.getNestingKind() != NestingKind.TOP_LEVEL) t = (TypeElement) t.getEnclosingElement();
    return t;
  }

  private static List<Refs.Param> params(ExecutableElement m) {
    List<Refs.Param> params = new ArrayList<>();
    List<? extends VariableElement> ps = m.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      Type t = Types2.of(ps.get(i).asType());
      params.add(new Refs.Param(i, ps.get(i).getSimpleName().toString(), t));
    }
    return params;
  }

  private static List<String> wrt(ExecutableElement m) {
    Differentiable d = m.getAnnotation(Differentiable.class);
    return d == null ? List.of() : Arrays.asList(d.wrt());
  }

  private static AnnotationMirror annotationMirror(Element e) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION)) return a;
    }
    return null;
  }

  private static AnnotationValue wrtValue(AnnotationMirror a) {
    if (a == null) return null;
    for (var e : a.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("wrt")) return e.getValue();
    }
    return null;
  }
}
