package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method as the partial derivative of a function with respect to one of its
 * parameters: the function's backward rule (its op.bprop, in the vocabulary of Goodfellow,
 * Bengio and Courville, <i>Deep Learning</i>, §6.5), written by hand. Every
 * {@code @Differentiable} method that calls the function with a differentiated argument uses the
 * rules of its parameters instead of the function's body, in both modes.
 *
 * <p>The rule has exactly the function's parameter list and returns ∂f/∂{@code wrt}: a
 * {@code double} for a {@code double} parameter, a new {@code double[]} (or {@code double[][]})
 * of the parameter's shape for an array parameter.
 *
 * <p>Retention is {@code CLASS}: a rule compiled into the function's own class stays in its
 * class file, where later builds find it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DerivativeOf {
    /**
     * The function's name.
     *
     * @return the name of the function whose partial derivative the rule gives
     */
    String value();

    /**
     * The class that declares the function.
     *
     * @return that class; {@code void.class} (the default) means the class holding the rule
     */
    Class<?> in() default void.class;

    /**
     * The parameter the partial is with respect to: its name, or its position ({@code "0"} for
     * the first), which names a parameter of a function compiled without parameter names.
     *
     * @return the parameter's name or position
     */
    String wrt();
}
