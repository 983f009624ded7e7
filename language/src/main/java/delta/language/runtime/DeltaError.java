package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;

/**
 * Every error a Delta program can cause. Its location is the node that raised it (Truffle then
 * builds the Delta stack trace), or an explicit source section for errors found before any node
 * exists: parse errors and errors of the lowering.
 */
@ExportLibrary(InteropLibrary.class)
public final class DeltaError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final transient SourceSection section;
    private final boolean syntaxError;
    private final boolean incompleteSource;

    private DeltaError(String message, Node location, SourceSection section, boolean syntaxError, boolean incomplete) {
        super(message, location);
        this.section = section;
        this.syntaxError = syntaxError;
        this.incompleteSource = incomplete;
    }

    @TruffleBoundary
    public static DeltaError at(Node location, String message) {
        return new DeltaError(message, location, null, false, false);
    }

    @TruffleBoundary
    public static DeltaError at(SourceSection section, String message) {
        return new DeltaError(message, null, section, false, false);
    }

    /**
     * An error about {@code section} raised while running {@code location}: the report points at the
     * section, and the Delta stack trace is taken from where it was raised.
     */
    @TruffleBoundary
    public static DeltaError at(Node location, SourceSection section, String message) {
        return new DeltaError(message, location, section, false, false);
    }

    @TruffleBoundary
    public static DeltaError syntax(SourceSection section, String message, boolean incomplete) {
        return new DeltaError(message, null, section, true, incomplete);
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return syntaxError ? ExceptionType.PARSE_ERROR : ExceptionType.RUNTIME_ERROR;
    }

    @ExportMessage
    boolean isExceptionIncompleteSource() {
        return incompleteSource;
    }

    @ExportMessage
    boolean hasSourceLocation() {
        return section != null || (getLocation() != null && getLocation().getEncapsulatingSourceSection() != null);
    }

    @ExportMessage(name = "getSourceLocation")
    @TruffleBoundary
    SourceSection sourceLocation() throws com.oracle.truffle.api.interop.UnsupportedMessageException {
        if (section != null) {
            return section;
        }
        SourceSection fromNode = getLocation() == null ? null : getLocation().getEncapsulatingSourceSection();
        if (fromNode == null) {
            throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
        }
        return fromNode.getSource().isInternal() ? firstUserFrame(fromNode) : fromNode;
    }

    /**
     * An error raised in internal code (the derivative rule of a builtin, written in Delta) is
     * reported where the user's code called it: the first frame of the stack trace in a user source.
     */
    private SourceSection firstUserFrame(SourceSection otherwise) {
        for (com.oracle.truffle.api.TruffleStackTraceElement frame : com.oracle.truffle.api.TruffleStackTrace.getStackTrace(this)) {
            Node call = frame.getLocation();
            SourceSection at = call == null ? null : call.getEncapsulatingSourceSection();
            if (at != null && !at.getSource().isInternal()) {
                return at;
            }
        }
        return otherwise;
    }
}
