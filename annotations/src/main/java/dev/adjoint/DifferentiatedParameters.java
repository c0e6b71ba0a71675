package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Written by Adjoint on each generated reverse-mode method: the positions (from 0) of the
 * parameters it differentiates. A {@code @Differentiable} method compiled later that calls this
 * one reads it from the class file, so the call works even when the jar was compiled without
 * parameter names (Maven's default). Not for users to write.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DifferentiatedParameters {
    /**
     * The differentiated parameters' positions.
     *
     * @return the positions, from 0, in increasing order
     */
    int[] value();
}
