package delta.language.runtime;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.Truffle;

/**
 * The storage of one global name of a module. Cells are never removed, so a node that read a global
 * once keeps the cell and reads its value directly from then on.
 * <p>
 * Ints and floats are kept unboxed: a top-level loop such as {@code s = s + sin(i) * i} then
 * allocates nothing per iteration once compiled, because the box made for the new value never
 * escapes the compiled code.
 * <p>
 * Most globals are set once (functions, builtins, a {@code let vg = grad(f)} at the top of a script):
 * until a cell's value first changes, compiled code reads it as a constant, so a call of a global
 * function needs neither a load nor an inline-cache check. The first change invalidates that
 * speculation for good; from then on reads load the value.
 */
public final class GlobalCell {
    private static final byte OBJECT = 0;
    private static final byte DOUBLE = 1;
    private static final byte LONG = 2;

    public final String name;
    private byte kind;
    private Object objectValue;
    private double doubleValue;
    private long longValue;
    /** False for a cell that only mirrors a builtin: plain assignment to it is an error. */
    private boolean declared;
    private final Assumption unchanged;

    GlobalCell(String name, Object value, boolean declared) {
        this.name = name;
        this.declared = declared;
        this.unchanged = Truffle.getRuntime().createAssumption("global " + name + " unchanged");
        store(value);
    }

    /** Valid while the cell holds the value it had when created. */
    public Assumption unchanged() {
        return unchanged;
    }

    public Object get() {
        return switch (kind) {
            case DOUBLE -> doubleValue;
            case LONG -> longValue;
            default -> objectValue;
        };
    }

    public void set(Object value) {
        if (unchanged.isValid() && !holds(value)) {
            unchanged.invalidate();
        }
        store(value);
    }

    /** Whether the cell already holds this value: the same object, or an equal number. */
    private boolean holds(Object value) {
        return switch (kind) {
            case DOUBLE -> value instanceof Double d && Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(doubleValue);
            case LONG -> value instanceof Long l && l == longValue;
            default -> value == objectValue;
        };
    }

    private void store(Object value) {
        if (value instanceof Double d) {
            kind = DOUBLE;
            doubleValue = d;
            objectValue = null;
        } else if (value instanceof Long l) {
            kind = LONG;
            longValue = l;
            objectValue = null;
        } else {
            kind = OBJECT;
            objectValue = value;
        }
    }

    public boolean isDeclared() {
        return declared;
    }

    public void declare(Object newValue) {
        set(newValue);
        this.declared = true;
    }
}
