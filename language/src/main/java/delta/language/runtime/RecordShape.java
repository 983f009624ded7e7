package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.Arrays;
import java.util.List;

/**
 * The field names of a record, in order. A record literal creates its shape once, so every record
 * built there shares it, and a field access caches (shape, index) and reads an array slot.
 */
public final class RecordShape {
    private final String[] names;

    public RecordShape(List<String> names) {
        this.names = names.toArray(String[]::new);
    }

    public int size() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }

    public String[] names() {
        return names.clone();
    }

    /** The index of a field, or -1. */
    @TruffleBoundary
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return Arrays.toString(names);
    }
}
