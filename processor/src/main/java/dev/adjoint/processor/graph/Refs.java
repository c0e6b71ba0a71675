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

  /** A static method called with constant arguments only. */
  public record Method(ClassName owner, String name) {
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
  public record Callee(ClassName gradClass, String method, List<CalleeParam> params, ClassName vectorOwner) {
    /** A callee that returns {@code double}. */
    public Callee(ClassName gradClass, String method, List<CalleeParam> params) {
      this(gradClass, method, params, null);
    }

    /**
     * Whether the callee returns {@code double[]}: then {@link #vectorOwner} is the class that
     * declares it (reverse mode's forward sweep calls it there for its value, and its backward
     * sweep calls {@link #vjp()}), and forward mode's {@code fTangent} returns a {@code DualArray}.
     */
    public boolean vector() {
      return vectorOwner != null;
    }

    /** The callee's {@code fVjp}, as a callee of its own whose record is {@code FVjp}. */
    public Callee vjp() {
      return new Callee(gradClass, method + "Vjp", params, null);
    }

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
