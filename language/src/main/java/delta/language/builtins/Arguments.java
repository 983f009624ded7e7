package delta.language.builtins;

import com.oracle.truffle.api.CompilerDirectives;
import delta.language.runtime.DeltaError;
import delta.language.runtime.Values;

/** Argument checks shared by the builtins, with messages that name the builtin and the argument. */
final class Arguments {
    private Arguments() {}

    static double number(BuiltinRootNode site, Object[] args, int index) {
        Object value = args[index];
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long l) {
            return l;
        }
        throw wrongType(site, args, index, "a number");
    }

    static long integer(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof Long l) {
            return l;
        }
        throw wrongType(site, args, index, "an int");
    }

    static String string(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof String s) {
            return s;
        }
        throw wrongType(site, args, index, "a str");
    }

    static DeltaError wrongType(BuiltinRootNode site, Object[] args, int index, String expected) {
        CompilerDirectives.transferToInterpreter();
        Object value = args[index];
        return DeltaError.at(site, site.getName() + "() expects " + expected + " as argument " + (index + 1) + ", got " + Values.describe(value));
    }

    static DeltaError error(BuiltinRootNode site, String message) {
        CompilerDirectives.transferToInterpreter();
        return DeltaError.at(site, site.getName() + "(): " + message);
    }
}
