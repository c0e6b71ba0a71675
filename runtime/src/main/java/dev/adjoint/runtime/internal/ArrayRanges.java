package dev.adjoint.runtime.internal;

import java.util.Arrays;

/**
 * The argument checks of {@code System.arraycopy} and {@code Arrays.fill}, for generated code
 * that copies or fills element by element (so that derivatives flow through each element). Each
 * check throws exactly what the library call would, at the same arguments, before any element is
 * touched: when the arguments are bad it makes the library call itself, which checks them before
 * it copies or fills anything. Not meant for user code.
 */
public final class ArrayRanges {

    private ArrayRanges() {}

    /**
     * Throws what {@code System.arraycopy(src, srcPos, dst, dstPos, length)} would throw, if anything.
     *
     * @param src the source array
     * @param srcPos where the copy starts in it
     * @param dst the destination array
     * @param dstPos where the copy starts there
     * @param length how many elements are copied
     */
    public static void checkCopy(Object src, int srcPos, Object dst, int dstPos, int length) {
        if (src == null
                || dst == null
                || length < 0
                || srcPos < 0
                || dstPos < 0
                || srcPos > java.lang.reflect.Array.getLength(src) - length
                || dstPos > java.lang.reflect.Array.getLength(dst) - length) {
            System.arraycopy(src, srcPos, dst, dstPos, length);
        }
    }

    /**
     * Throws what {@code Arrays.fill(a, from, to, 0.0)} would throw, if anything.
     *
     * @param a the array
     * @param from the first index filled
     * @param to one past the last index filled
     */
    public static void checkFill(double[] a, int from, int to) {
        if (from > to || from < 0 || to > a.length) Arrays.fill(a, from, to, 0.0);
    }

    /**
     * Throws what {@code Arrays.fill(a, from, to, 0)} would throw, if anything.
     *
     * @param a the array
     * @param from the first index filled
     * @param to one past the last index filled
     */
    public static void checkFill(int[] a, int from, int to) {
        if (from > to || from < 0 || to > a.length) Arrays.fill(a, from, to, 0);
    }
}
