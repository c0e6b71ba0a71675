package dev.adjoint.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The arrays generated reverse methods borrow for the adjoints of their local arrays. */
class ScratchArraysTest {
    @Test
    void anArrayGivenBackComesBackZeroedForTheSameLength() {
        ScratchArrays s = new ScratchArrays();
        double[] a = s.zeros(3);
        assertArrayEquals(new double[3], a);
        a[1] = 7;
        s.giveBack(a);
        double[] other = s.zeros(4);
        assertNotSame(a, other, "no array of length 4 was given back");
        double[] again = s.zeros(3);
        assertSame(a, again);
        assertArrayEquals(new double[3], again, "zeroed when borrowed again");
        assertEquals(0, s.kept());
    }

    @Test
    void twoBorrowedAtOnceAreDistinct() {
        ScratchArrays s = new ScratchArrays();
        s.giveBack(new double[2]);
        double[] one = s.zeros(2), two = s.zeros(2);
        assertNotSame(one, two);
    }

    @Test
    void keepsAtMostKeptArrays() {
        ScratchArrays s = new ScratchArrays();
        for (int k = 0; k < ScratchArrays.KEPT + 10; k++) s.giveBack(new double[k + 1]);
        assertEquals(ScratchArrays.KEPT, s.kept());
    }

    @Test
    void onePerThread() throws Exception {
        ScratchArrays mine = ScratchArrays.forThisThread();
        assertSame(mine, ScratchArrays.forThisThread());
        ScratchArrays[] theirs = new ScratchArrays[1];
        Thread t = new Thread(() -> theirs[0] = ScratchArrays.forThisThread());
        t.start();
        t.join();
        assertNotSame(mine, theirs[0]);
    }
}
