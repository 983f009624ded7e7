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

    /** The items of a list or tuple argument. */
    static Object[] sequence(BuiltinRootNode site, Object[] args, int index, String expected) {
        if (args[index] instanceof delta.language.runtime.DeltaList list) {
            return list.toArray();
        } else if (args[index] instanceof delta.language.runtime.DeltaTuple tuple) {
            return tuple.items();
        }
        throw wrongType(site, args, index, expected);
    }

    /** The ints of a range, as boxed values. */
    static Object[] rangeItems(delta.language.runtime.DeltaRange range) {
        Object[] items = new Object[(int) range.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = range.get(i);
        }
        return items;
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
