package delta.language.runtime;

/**
 * The storage of one global name of a module. Cells are never removed, so a node that read a global
 * once keeps the cell and reads its value directly from then on.
 * <p>
 * Ints and floats are kept unboxed: a top-level loop such as {@code s = s + sin(i) * i} then
 * allocates nothing per iteration once compiled, because the box made for the new value never
 * escapes the compiled code.
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

    GlobalCell(String name, Object value, boolean declared) {
        this.name = name;
        this.declared = declared;
        set(value);
    }

    public Object get() {
        return switch (kind) {
            case DOUBLE -> doubleValue;
            case LONG -> longValue;
            default -> objectValue;
        };
    }

    public void set(Object value) {
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
