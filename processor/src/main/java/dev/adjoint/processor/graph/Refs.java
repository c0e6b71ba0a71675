package dev.adjoint.processor.graph;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** The attributes that name things outside the graph: parameters, fields, methods. */
public final class Refs {
  private Refs() {}

  /** Parameter {@code index} of the differentiated method. */
  public record Param(int index, String name, Type type) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A static field read as a constant for differentiation. */
  public record Field(ClassName owner, String name) {
    @Override
    public String toString() {
      return owner.simpleName() + "." + name;
    }
  }

  /** Links a PUSH to its POP: compared by identity. */
  public static final class Saved {
    @Override
    public String toString() {
      return "saved@" + Integer.toHexString(System.identityHashCode(this));
    }
  }

  /**
   * A static method. Called with constant arguments only, unless the user wrote its partial
   * derivatives ({@code @DerivativeOf}): then {@code partials} holds, per parameter, the rule
   * that gives ∂method/∂parameter (null for a parameter without one); empty for no rules.
   */
  public record Method(ClassName owner, String name, List<Method> partials) {
    public Method(ClassName owner, String name) {
      this(owner, name, List.of());
    }

    /** The rule for parameter {@code i}, or null. */
    public Method partial(int i) {
      return i < partials.size() ? partials.get(i) : null;
    }

    public boolean hasRules() {
      return !partials.isEmpty();
    }

    @Override
    public String toString() {
      return owner.simpleName() + "." + name;
    }
  }

  /** A parameter of a {@code @Differentiable} callee, as its generated API exposes it. */
  public record CalleeParam(String name, Type type, boolean differentiated, String partialAccessor) {}

  /**
   * A {@code @Differentiable} method reached through its generated class: reverse mode is
   * {@code gradClass.method(...)} returning {@code gradClass.Record}, forward mode is
   * {@code gradClass.methodTangent(...)} returning a {@code Dual}.
   */
  public record Callee(ClassName gradClass, String method, List<CalleeParam> params) {
    public ClassName recordClass() {
      return gradClass.nestedClass(Character.toUpperCase(method.charAt(0)) + method.substring(1));
    }

    public String tangentMethod() {
      return method + "Tangent";
    }

    @Override
    public String toString() {
      return gradClass.simpleName() + "." + method;
    }
  }
}
