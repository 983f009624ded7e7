package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The global namespace of one source file (a script, a REPL session, an imported file or a stdlib
 * module). Names not defined here fall back to the builtins, which every module shares, and then to
 * the prelude's functions (a {@link NameFallback}, null for the prelude itself).
 */
@ExportLibrary(InteropLibrary.class)
public final class DeltaModule implements TruffleObject {
    private final String name;
    private final Map<String, GlobalCell> cells = new LinkedHashMap<>();
    private final Map<String, Object> builtins;
    /** Whether interop shows the builtins as members too: the main module, as a global scope does. */
    private final boolean builtinsAreMembers;
    private final NameFallback fallback;

    public DeltaModule(String name, Map<String, Object> builtins, NameFallback fallback) {
        this(name, builtins, false, fallback);
    }

    /**
     * @param builtinsAreMembers true for the scope behind {@code context.getBindings("dl")}: an
     *            embedder (and the REPL's completion) then sees every name a program can use
     */
    public DeltaModule(String name, Map<String, Object> builtins, boolean builtinsAreMembers, NameFallback fallback) {
        this.name = name;
        this.builtins = builtins;
        this.builtinsAreMembers = builtinsAreMembers;
        this.fallback = fallback;
    }

    public String name() {
        return name;
    }

    /** The cell of a name defined here, a builtin or a prelude function, or null when the name is unknown. */
    @TruffleBoundary
    public GlobalCell lookup(String key) {
        GlobalCell cell = cells.get(key);
        if (cell == null) {
            Object value = builtins.containsKey(key) ? builtins.get(key) : fallback != null ? fallback.resolve(key) : null;
            if (value != null) {
                cell = new GlobalCell(key, value, false);
                cells.put(key, cell);
            }
        }
        return cell;
    }

    /** Binds a name with {@code let} or {@code fn} at the top level: a new definition or a redefinition. */
    @TruffleBoundary
    public GlobalCell define(String key, Object value) {
        GlobalCell cell = cells.computeIfAbsent(key, k -> new GlobalCell(k, value, true));
        cell.declare(value);
        return cell;
    }

    /** Names defined by this module itself (not mirrored builtins), in definition order. */
    @TruffleBoundary
    public List<String> definedNames() {
        List<String> names = new ArrayList<>();
        for (GlobalCell cell : cells.values()) {
            if (cell.isDeclared()) {
                names.add(cell.name);
            }
        }
        return names;
    }

    /** Everything a name could refer to here: for "did you mean" and completion. */
    @TruffleBoundary
    public List<String> visibleNames() {
        List<String> names = new ArrayList<>(definedNames());
        for (String builtin : builtins.keySet()) {
            // '$' names are the internal helpers of generated derivative code.
            if (!builtin.startsWith("$")) {
                names.add(builtin);
            }
        }
        if (fallback != null) {
            names.addAll(fallback.names());
        }
        return names;
    }

    @Override
    public String toString() {
        return "<module " + name + ">";
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    /** The main module is the scope behind {@code context.getBindings("dl")}. */
    @ExportMessage
    boolean isScope() {
        return true;
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> getLanguage() {
        return delta.language.DeltaLanguage.class;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        if (!builtinsAreMembers) {
            return new DeltaTuple(definedNames().toArray());
        }
        return new DeltaTuple(new java.util.LinkedHashSet<>(visibleNames()).toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        GlobalCell cell = cells.get(member);
        return (cell != null && cell.isDeclared())
                        || (builtinsAreMembers && (builtins.containsKey(member) || fallback != null && fallback.names().contains(member)));
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberModifiable(String member) {
        return isMemberReadable(member);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInsertable(String member) {
        return !isMemberReadable(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        GlobalCell cell = cells.get(member);
        if (cell != null && cell.isDeclared()) {
            return cell.get();
        }
        if (builtinsAreMembers && builtins.containsKey(member)) {
            return builtins.get(member);
        }
        Object preludeValue = builtinsAreMembers && fallback != null ? fallback.resolve(member) : null;
        if (preludeValue != null) {
            return preludeValue;
        }
        throw UnknownIdentifierException.create(member);
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) {
        define(member, Values.fromForeign(value));
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }
}
