package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delta from JavaScript (GraalJS) through Polyglot.eval, and JavaScript from Delta. */
class JavaScriptInteropTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private Context context;

    @BeforeEach
    void open() {
        // Polyglot.eval("dl", ...) from JS needs polyglot access between the two languages.
        context = Context.newBuilder("js", "dl").allowPolyglotAccess(PolyglotAccess.ALL).out(output).err(output)
                        .option("engine.WarnInterpreterOnly", "false").build();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private Value js(String code) {
        return context.eval("js", code);
    }

    @Test
    void jsIntegersAndDoublesArriveAsDeltaNumbers() {
        Value kinds = js("""
                        const type = Polyglot.eval('dl', '(x) -> type(x)');
                        [type(3), type(2.5), type(-7), type(1e300), type(2 ** 40)].join(' ')
                        """);
        // GraalJS keeps integers of the int32 range as Java ints (Delta int); 2 ** 40 is a JS double (Delta float).
        assertEquals("int float int float float", kinds.asString());
        Value sums = js("""
                        const add = Polyglot.eval('dl', 'fn add(a, b) = a + b\\nadd');
                        [add(1, 2), add(0.5, 0.25), add(1, 0.5), add(2 ** 40, 1)]
                        """);
        assertEquals(3, sums.getArrayElement(0).asInt());
        assertEquals(0.75, sums.getArrayElement(1).asDouble());
        assertEquals(1.5, sums.getArrayElement(2).asDouble());
        assertEquals((1L << 40) + 1, sums.getArrayElement(3).asLong());
    }

    @Test
    void jsArraysWorkAsDeltaSequences() {
        Value result = js("""
                        const sum = Polyglot.eval('dl', `
                        fn sum(xs) {
                            let total = 0
                            for x in xs { total = total + x }
                            total
                        }
                        sum`);
                        const last = Polyglot.eval('dl', '(xs) -> xs[len(xs) - 1]');
                        const scale = Polyglot.eval('dl', 'fn scale(xs, k) { for i in range(len(xs)) { xs[i] = xs[i] * k } }\\nscale');
                        const data = [1, 2, 3.5];
                        scale(data, 2);
                        [sum([1, 2, 3.5]), last([7, 8, 9]), data.join(' ')]
                        """);
        assertEquals(6.5, result.getArrayElement(0).asDouble());
        assertEquals(9, result.getArrayElement(1).asInt());
        assertEquals("2 4 7", result.getArrayElement(2).asString(), "Delta's writes land in the JS array");
    }

    @Test
    void jsFunctionsCanBeCalledFromDelta() {
        Value result = js("""
                        const twice = Polyglot.eval('dl', 'fn twice(f, x) = f(f(x))\\ntwice');
                        const map = Polyglot.eval('dl', `
                        fn map(xs, f) {
                            let out = []
                            for x in xs { append(out, f(x)) }
                            out
                        }
                        map`);
                        [twice(x => x * 3, 2), twice(s => s + '!', 'hi'), Array.from(map([1, 2, 3], x => x / 2)).join(' ')]
                        """);
        assertEquals(18, result.getArrayElement(0).asInt());
        assertEquals("hi!!", result.getArrayElement(1).asString());
        assertEquals("0.5 1 1.5", result.getArrayElement(2).asString());
    }

    @Test
    void deltaValuesLookNativeInJs() {
        Value result = js("""
                        const xs = Polyglot.eval('dl', '[1, 2, 3]');
                        const p = Polyglot.eval('dl', '{x: 1, y: 2}');
                        const t = Polyglot.eval('dl', '(4, 5)');
                        [xs.length, xs[1], Array.from(xs).map(x => x * 10).join(' '), p.x + p.y, Object.keys(p).join(' '), t[1]].join('|')
                        """);
        assertEquals("3|2|10 20 30|3|x y|5", result.asString());
    }

    @Test
    void deltaPrintGoesToTheSharedOutput() {
        js("Polyglot.eval('dl', 'print(\"from Delta\")'); console.log('from JS');");
        assertEquals("from Delta\nfrom JS\n", output.toString(StandardCharsets.UTF_8));
    }

    @Test
    void deltaErrorsAreCatchableInJsAndKeepTheirLocation() {
        Value message = js("""
                        let message;
                        try { Polyglot.eval('dl', 'let a = 1\\na // 0'); } catch (e) { message = e.message; }
                        message
                        """);
        assertEquals("integer division by zero", message.asString());
        PolyglotException uncaught = assertThrows(PolyglotException.class, () -> js("Polyglot.eval('dl', 'let a = 1\\na // 0')"));
        assertTrue(uncaught.isGuestException());
        assertEquals(2, uncaught.getSourceLocation().getStartLine(), "the location is in the Delta source, line 2");
        assertEquals("dl", uncaught.getSourceLocation().getSource().getLanguage());
    }
}
