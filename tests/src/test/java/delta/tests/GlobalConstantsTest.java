package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * Compiled code reads a global that has not changed since as a constant (GlobalCell). These tests
 * compile code that depends on a global function, a global number and a builtin, then change the
 * global: the compiled code must notice and use the new value.
 */
class GlobalConstantsTest {
    private static final String PROGRAM = """
            fn helper(x) = x + 1
            let scale = 2.0
            fn use_helper(n) {
                let s = 0
                for i in range(n) { s = s + helper(i) }
                s
            }
            fn use_scale(n) {
                let s = 0.0
                for i in range(n) { s = s + scale }
                s
            }
            fn use_len(xs) {
                let s = 0
                for i in range(100) { s = s + len(xs) }
                s
            }
            """;

    private static Value warm(Value function, Object argument) {
        Value result = null;
        for (int round = 0; round < 5; round++) {
            result = function.execute(argument);
        }
        return result;
    }

    @Test
    void compiledCodeSeesRedefinitions() {
        try (Engine engine = CompilationLog.eagerEngine(new ByteArrayOutputStream());
                        Context context = Context.newBuilder("dl").engine(engine).build()) {
            context.eval("dl", PROGRAM);
            Value bindings = context.getBindings("dl");
            assertEquals(55L, warm(bindings.getMember("use_helper"), 10).asLong());
            assertEquals(20.0, warm(bindings.getMember("use_scale"), 10).asDouble());
            assertEquals(300L, warm(bindings.getMember("use_len"), "abc").asLong());

            context.eval("dl", "fn helper(x) = x + 100");
            context.eval("dl", "scale = 0.5");
            context.eval("dl", "let len = xs -> 7");
            assertEquals(1045L, bindings.getMember("use_helper").execute(10).asLong());
            assertEquals(5.0, bindings.getMember("use_scale").execute(10).asDouble());
            assertEquals(700L, bindings.getMember("use_len").execute("abc").asLong());

            // Changed once, the global is read as a variable from then on; later changes show too.
            context.eval("dl", "scale = 4.0");
            assertEquals(40.0, warm(bindings.getMember("use_scale"), 10).asDouble());
        }
    }
}
