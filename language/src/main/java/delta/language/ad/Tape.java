package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.TruffleObject;
import java.util.Arrays;

/**
 * The value stack that links a forward sweep to its reverse sweep: overwritten values, branches
 * taken, loop trip counts and pullbacks of calls. Floats are stored unboxed in their own array, so
 * a loop over numbers saves doubles, not objects.
 */
public final class Tape implements TruffleObject {
    private static final Object DOUBLE = new Object();

    private double[] doubles = new double[16];
    private Object[] objects = new Object[16];
    private int size;
    private boolean reversed;

    public void push(Object value) {
        if (size == objects.length) {
            grow();
        }
        if (value instanceof Double d) {
            doubles[size] = d;
            objects[size] = DOUBLE;
        } else {
            objects[size] = value;
        }
        size++;
    }

    public Object pop() {
        size--;
        Object value = objects[size];
        objects[size] = null;
        return value == DOUBLE ? (Object) doubles[size] : value;
    }

    /** Called once when the reverse sweep starts: a pullback consumes its tape. */
    public boolean startReverse() {
        boolean first = !reversed;
        reversed = true;
        return first;
    }

    @TruffleBoundary
    private void grow() {
        doubles = Arrays.copyOf(doubles, size * 2);
        objects = Arrays.copyOf(objects, size * 2);
    }

    @Override
    public String toString() {
        return "<tape of " + size + ">";
    }
}
