package delta.language.runtime;

/**
 * The storage of one global name of a module. Cells are never removed, so a node that read a global
 * once keeps the cell and reads its value directly from then on.
 */
public final class GlobalCell {
    public final String name;
    private Object value;
    /** False for a cell that only mirrors a builtin: plain assignment to it is an error. */
    private boolean declared;

    GlobalCell(String name, Object value, boolean declared) {
        this.name = name;
        this.value = value;
        this.declared = declared;
    }

    public Object get() {
        return value;
    }

    public void set(Object value) {
        this.value = value;
    }

    public boolean isDeclared() {
        return declared;
    }

    public void declare(Object newValue) {
        this.value = newValue;
        this.declared = true;
    }
}
