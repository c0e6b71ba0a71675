package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code static double} method whose derivatives Adjoint generates at compile time.
 *
 * <p>For a method {@code m} declared in {@code p.C}, the annotation processor writes
 * {@code p.CGrad} holding {@code m(...)} (reverse mode: the value and the gradient in one call)
 * and {@code mTangent(...)} (forward mode: a directional derivative).
 *
 * <p>Retained in class files so that a method compiled into a jar can be called from, and
 * differentiated through, a {@code @Differentiable} method compiled later.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {

    /**
     * The names of the parameters to differentiate with respect to. Empty (the default) means
     * every parameter of type {@code double}, {@code double[]} or {@code double[][]}; every other
     * parameter is a constant for differentiation.
     *
     * @return the names of the differentiated parameters, or none for all that can be
     */
    String[] wrt() default {};

    /**
     * The highest derivative order wanted: 1 (the default) for the gradient and tangents; 2 adds
     * {@code mHvp} (value, gradient and Hessian-vector product in one call, by forward mode over
     * reverse mode) and {@code mHessian} (the dense, symmetric Hessian). Other values are a
     * compile error.
     *
     * @return 1 or 2
     */
    int order() default 1;
}
