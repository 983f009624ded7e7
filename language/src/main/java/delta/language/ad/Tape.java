package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.TruffleObject;
import java.util.Arrays;

/**
 * The value stack that links a forward sweep to its reverse sweep: overwritten values, branches
 * taken, loop trip counts and pullbacks of calls. Floats go on their own unboxed stack, so a loop
 * over numbers costs 9 bytes per saved value (a double and a one-byte kind), not an object.
 */
public final class Tape implements TruffleObject {
    private static final byte DOUBLE = 1;
    private static final byte OBJECT = 2;

    private byte[] kinds = new byte[16];
    private double[] doubles = new double[16];
    private Object[] objects = new Object[8];
    private int size;
    private int doubleCount;
    private int objectCount;
    private boolean reversed;

    public void push(Object value) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, grow(size));
        }
        if (value instanceof Double d) {
            if (doubleCount == doubles.length) {
                doubles = Arrays.copyOf(doubles, grow(doubleCount));
            }
            doubles[doubleCount++] = d;
            kinds[size++] = DOUBLE;
        } else {
            if (objectCount == objects.length) {
                objects = Arrays.copyOf(objects, grow(objectCount));
            }
            objects[objectCount++] = value;
            kinds[size++] = OBJECT;
        }
    }

    public Object pop() {
        if (kinds[--size] == DOUBLE) {
            return doubles[--doubleCount];
        }
        Object value = objects[--objectCount];
        objects[objectCount] = null;
        return value;
    }

    /** End of the forward sweep: the arrays shrink to what was pushed, so a kept pullback holds no slack. */
    public void seal() {
        kinds = Arrays.copyOf(kinds, size);
        doubles = Arrays.copyOf(doubles, doubleCount);
        objects = Arrays.copyOf(objects, objectCount);
    }

    /** Called once when the reverse sweep starts: a pullback consumes its tape. */
    public boolean startReverse() {
        boolean first = !reversed;
        reversed = true;
        return first;
    }

    @TruffleBoundary
    private static int grow(int length) {
        return Math.max(16, length * 2);
    }

    @Override
    public String toString() {
        return "<tape of " + size + ">";
    }
}
