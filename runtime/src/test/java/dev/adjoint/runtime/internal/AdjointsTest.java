package dev.adjoint.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdjointsTest {

    @Test
    void zerosLikeVectorIsANewZeroArrayOfTheSameLength() {
        double[] a = {1, 2, 3};
        double[] z = Adjoints.zerosLike(a);
        assertArrayEquals(new double[3], z);
        assertNotSame(a, z);
        assertArrayEquals(new double[] {1, 2, 3}, a);
        assertEquals(0, Adjoints.zerosLike(new double[0]).length);
    }

    @Test
    void zerosLikeMatrixKeepsAJaggedShapeAndNullRows() {
        double[][] a = {{1, 2}, null, {3, 4, 5}, {}};
        double[][] z = Adjoints.zerosLike(a);
        assertEquals(4, z.length);
        assertArrayEquals(new double[2], z[0]);
        assertNull(z[1]);
        assertArrayEquals(new double[3], z[2]);
        assertArrayEquals(new double[0], z[3]);
        assertNotSame(a[0], z[0]);
        assertArrayEquals(new double[] {1, 2}, a[0]);
    }

    @Test
    void addScaledVectorAccumulates() {
        double[] into = {1, 2, 3};
        double[] from = {10, 20, 30};
        Adjoints.addScaled(into, from, 0.5);
        assertArrayEquals(new double[] {6, 12, 18}, into);
        assertArrayEquals(new double[] {10, 20, 30}, from);
        Adjoints.addScaled(into, from, -1);
        assertArrayEquals(new double[] {-4, -8, -12}, into);
    }

    @Test
    void addScaledMatrixAccumulatesRowByRow() {
        double[][] into = {{1, 1}, null, {0, 0, 0}};
        double[][] from = {{2, 4}, null, {1, 2, 3}};
        Adjoints.addScaled(into, from, 3);
        assertArrayEquals(new double[] {7, 13}, into[0]);
        assertNull(into[1]);
        assertArrayEquals(new double[] {3, 6, 9}, into[2]);
        assertArrayEquals(new double[] {1, 2, 3}, from[2]);
    }

    @Test
    void shapeMismatchIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Adjoints.addScaled(new double[2], new double[3], 1));
        assertThrows(IllegalArgumentException.class, () -> Adjoints.addScaled(new double[2][2], new double[3][2], 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> Adjoints.addScaled(new double[][] {{1}, {2}}, new double[][] {{1}, {2, 3}}, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> Adjoints.addScaled(new double[][] {{1}, null}, new double[][] {{1}, {2}}, 1));
    }
}
