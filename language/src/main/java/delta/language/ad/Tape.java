package delta.language.ad;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.interop.TruffleObject;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The value stack that links a forward sweep to its reverse sweep: overwritten values, branches
 * taken, loop trip counts and pullbacks of calls.
 *
 * <p>Numbers and bools are stored unboxed: every entry is a one-byte kind and a 64-bit payload (a
 * double's raw bits or a long), so a loop over numbers costs 9 bytes per saved value and allocates
 * no object per push. Other values (pullbacks) go on a separate object stack.
 *
 * <p>The entries live in chunks that are never copied: a full chunk is set aside and a new one (twice
 * as large, up to {@link #MAX_CHUNK} entries) is started. Growing one array by doubling, as this
 * class did before, copied and zeroed about three times the final size on every forward sweep,
 * which was most of the cost of a long loop's tape (measured: W1's forward sweep spent more time in
 * array allocation and copying than in its own loop).
 *
 * <p>The typed pops ({@link #popFloat}, {@link #popInt}) are what generated code uses when the
 * transform knows a variable's type: in compiled code, {@link #pop} merges differently typed boxes
 * (a Double, a Long, a pullback), which forces the box of a popped double to be allocated; a typed
 * pop has one path, so the box disappears.
 */
public final class Tape implements TruffleObject {
    private static final byte DOUBLE = 1;
    private static final byte LONG = 2;
    private static final byte TRUE = 3;
    private static final byte FALSE = 4;
    private static final byte OBJECT = 5;
    private static final int FIRST_CHUNK = 32;
    private static final int MAX_CHUNK = 1 << 13;
    private static final Object[] NO_OBJECTS = new Object[0];

    /** The chunk being filled (forward sweep) or emptied (reverse sweep), and its used length. */
    private byte[] kinds = new byte[FIRST_CHUNK];
    private long[] payloads = new long[FIRST_CHUNK];
    private int top;
    /** Full chunks below the current one, oldest first; null while there is only one. */
    private ArrayList<byte[]> kindChunks;
    private ArrayList<long[]> payloadChunks;
    private Object[] objects = NO_OBJECTS;
    private int objectCount;
    private boolean reversed;

    public void push(Object value) {
        if (value instanceof Double d) {
            pushDouble(d);
        } else if (value instanceof Long l) {
            pushLong(l);
        } else if (value instanceof Boolean b) {
            entry(b ? TRUE : FALSE, 0);
        } else {
            if (objectCount == objects.length) {
                growObjects();
            }
            objects[objectCount++] = value;
            entry(OBJECT, 0);
        }
    }

    public void pushDouble(double value) {
        entry(DOUBLE, Double.doubleToRawLongBits(value));
    }

    public void pushLong(long value) {
        entry(LONG, value);
    }

    private void entry(byte kind, long payload) {
        if (top == kinds.length) {
            nextChunk();
        }
        kinds[top] = kind;
        payloads[top] = payload;
        top++;
    }

    public Object pop() {
        if (top == 0) {
            previousChunk();
        }
        int i = --top;
        switch (kinds[i]) {
            case DOUBLE:
                return Double.longBitsToDouble(payloads[i]);
            case LONG:
                return payloads[i];
            case TRUE:
                return true;
            case FALSE:
                return false;
            default:
                Object value = objects[--objectCount];
                objects[objectCount] = null;
                return value;
        }
    }

    /**
     * Pops a value the transform knows to be a float ({@code $popf}). Compiled code keeps only the
     * float path, so the box it returns is never allocated when the caller stores it in a float
     * variable. Should the entry be something else all the same, it is still returned (correct), but
     * by leaving compiled code: the transform's type inference is meant to make that impossible.
     */
    public Object popFloat() {
        if (top == 0) {
            previousChunk();
        }
        if (kinds[top - 1] == DOUBLE) {
            return Double.longBitsToDouble(payloads[--top]);
        }
        CompilerDirectives.transferToInterpreter();
        return pop();
    }

    /**
     * Valid while every value restored with {@link #popRestored} was a float. While it holds, compiled
     * code keeps only the float path of that pop, so the restored float is never boxed (the plain
     * {@link #pop} merges a Double with the other kinds, which makes compiled code allocate the box).
     * The first other value restored brings the general path back into compiled code, for good.
     */
    private static final Assumption RESTORES_FLOATS_ONLY = Truffle.getRuntime().createAssumption("the tape restores floats only");

    /** Pops the old value of a variable whose type the transform does not know ({@code $popv}). */
    public Object popRestored() {
        if (top == 0) {
            previousChunk();
        }
        if (kinds[top - 1] == DOUBLE) {
            return Double.longBitsToDouble(payloads[--top]);
        }
        if (RESTORES_FLOATS_ONLY.isValid()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            RESTORES_FLOATS_ONLY.invalidate();
        }
        return pop();
    }

    /** Pops a value the transform knows to be an int (a trip count, an index): {@code $popi}, like {@link #popFloat}. */
    public Object popInt() {
        if (top == 0) {
            previousChunk();
        }
        if (kinds[top - 1] == LONG) {
            return payloads[--top];
        }
        CompilerDirectives.transferToInterpreter();
        return pop();
    }

    @TruffleBoundary
    private void nextChunk() {
        if (kindChunks == null) {
            kindChunks = new ArrayList<>();
            payloadChunks = new ArrayList<>();
        }
        if (top > 0) {
            kindChunks.add(kinds);
            payloadChunks.add(payloads);
        }
        int length = Math.max(FIRST_CHUNK, Math.min(MAX_CHUNK, kinds.length * 2));
        kinds = new byte[length];
        payloads = new long[length];
        top = 0;
    }

    @TruffleBoundary
    private void previousChunk() {
        if (kindChunks == null || kindChunks.isEmpty()) {
            throw new IllegalStateException("pop from an empty tape");
        }
        kinds = kindChunks.removeLast();
        payloads = payloadChunks.removeLast();
        top = kinds.length;
    }

    @TruffleBoundary
    private void growObjects() {
        objects = Arrays.copyOf(objects, Math.max(8, objectCount * 2));
    }

    /** End of the forward sweep: the last chunk and the object stack shrink to what was pushed, so a kept pullback holds no slack. */
    public void seal() {
        if (top < kinds.length) {
            trim();
        }
        if (objectCount < objects.length) {
            objects = Arrays.copyOf(objects, objectCount);
        }
    }

    @TruffleBoundary
    private void trim() {
        if (top == 0 && kindChunks != null && !kindChunks.isEmpty()) {
            // An empty last chunk: go back to the full one below it.
            kinds = kindChunks.removeLast();
            payloads = payloadChunks.removeLast();
            top = kinds.length;
        } else {
            kinds = Arrays.copyOf(kinds, top);
            payloads = Arrays.copyOf(payloads, top);
        }
    }

    /** Called once when the reverse sweep starts: a pullback consumes its tape. */
    public boolean startReverse() {
        boolean first = !reversed;
        reversed = true;
        return first;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        int size = top;
        if (kindChunks != null) {
            for (byte[] chunk : kindChunks) {
                size += chunk.length;
            }
        }
        return "<tape of " + size + ">";
    }
}
