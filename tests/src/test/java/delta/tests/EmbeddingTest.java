package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delta values seen from Java and Java values seen from Delta, beyond the documented examples. */
class EmbeddingTest {
    private Context context;

    @BeforeEach
    void open() {
        HostAccess arraysAndLists = HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true).allowListAccess(true).build();
        context = Context.newBuilder("dl").allowHostAccess(arraysAndLists).option("engine.WarnInterpreterOnly", "false").build();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void everyJavaScalarArrivesAsTheMatchingDeltaType() {
        Value type = context.eval("dl", "(x) -> type(x)");
        Object[] values = {(byte) 1, (short) 2, 3, 4L, 1.5f, 2.5, "s", 'c', true, null};
        String[] expected = {"int", "int", "int", "int", "float", "float", "str", "str", "bool", "none"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], type.execute(values[i]).asString(), "type of Java " + values[i]);
        }
        // Arithmetic on them is Delta's: int + int stays int, anything with a float is a float.
        Value add = context.eval("dl", "(a, b) -> a + b");
        assertTrue(add.execute(2, 3L).fitsInLong());
        assertEquals(5, add.execute(2, 3L).asLong());
        assertEquals(3.5, add.execute(2, 1.5f).asDouble());
        assertEquals("ab", add.execute("a", "b").asString());
    }

    @Test
    void preludeFunctionsAreBindingsToo() {
        Value bindings = context.getBindings("dl");
        assertTrue(bindings.hasMember("sorted") && bindings.getMemberKeys().contains("zip"), "prelude names are members");
        assertEquals("[1, 2, 3]", bindings.getMember("sorted").execute((Object) new int[] {3, 1, 2}).toString());
        assertEquals("[4, 9]", bindings.getMember("map").execute(context.eval("dl", "x -> x * x"), List.of(2, 3)).toString());
    }

    @Test
    void javaArraysAndListsIndexLenAndIterate() {
        Value stats = context.eval("dl", "(xs) -> (len(xs), xs[0], xs[-1])");
        Value fromArray = stats.execute((Object) new double[] {0.5, 1.5, 2.5});
        assertEquals(3, fromArray.getArrayElement(0).asInt());
        assertEquals(0.5, fromArray.getArrayElement(1).asDouble());
        assertEquals(2.5, fromArray.getArrayElement(2).asDouble());
        Value fromList = stats.execute(List.of("a", "b"));
        assertEquals("(2, \"a\", \"b\")", fromList.toString());
        // Delta writes through to a Java array it was given.
        long[] target = {0, 0};
        context.eval("dl", "fn fill(xs) { for i in range(len(xs)) { xs[i] = i * 10 } }\nfill").execute(target);
        assertEquals(10, target[1]);
    }

    @Test
    void listsAreWritableArraysAndTuplesReadOnly() {
        Value list = context.eval("dl", "let xs = [1, 2]\nxs");
        list.setArrayElement(0, 10);
        list.setArrayElement(2, 30); // at the end: appends, as append() does
        assertEquals("[10, 2, 30]", context.eval("dl", "xs").toString());
        assertEquals(List.of(10, 2, 30), list.as(new org.graalvm.polyglot.TypeLiteral<List<Integer>>() {}));

        Value tuple = context.eval("dl", "(1, \"a\")");
        assertTrue(tuple.hasArrayElements());
        assertEquals(2, tuple.getArraySize());
        assertThrows(UnsupportedOperationException.class, () -> tuple.setArrayElement(0, 5));
    }

    @Test
    void recordsHaveMembersInFieldOrder() {
        Value record = context.eval("dl", "let r = {name: \"w\", shape: (2, 3)}\nr");
        assertEquals(List.of("name", "shape"), new ArrayList<>(record.getMemberKeys()));
        assertEquals(3, record.getMember("shape").getArrayElement(1).asInt());
        record.putMember("name", "v");
        assertEquals("v", context.eval("dl", "r.name").asString());
    }

    @Test
    void functionsKnowWhereTheyAreDefined() {
        Value f = context.eval(Source.create("dl", "let unused = 0\nfn double(x) = 2 * x\ndouble"));
        assertEquals(2, f.getSourceLocation().getStartLine());
        assertEquals("<function double>", f.toString());
        // Wrong arity from Java is the host's IllegalArgumentException, as for any polyglot function.
        assertThrows(IllegalArgumentException.class, () -> f.execute(1, 2));
    }

    @Test
    void valuesPrintAsDeltaPrintsThem() {
        assertEquals("1e+20", context.eval("dl", "1e20").toString());
        assertEquals("0.1", context.eval("dl", "0.1").toString());
        assertTrue(context.eval("dl", "none").isNull());
        assertTrue(context.eval("dl", "print").canExecute());
    }

    @Test
    void syntaxErrorsSayWhereAndWhetherInputIsIncomplete() {
        PolyglotException bad = assertThrows(PolyglotException.class, () -> context.eval("dl", "let x = 1\nlet = 2\n"));
        assertTrue(bad.isSyntaxError());
        assertFalse(bad.isIncompleteSource());
        assertEquals(2, bad.getSourceLocation().getStartLine());
        PolyglotException open = assertThrows(PolyglotException.class, () -> context.eval("dl", "fn f(x) {\n"));
        assertTrue(open.isIncompleteSource(), "an unclosed block is incomplete input (what the REPL continues)");
    }

    @Test
    void runtimeErrorTraceListsDeltaFrames() {
        PolyglotException error = assertThrows(PolyglotException.class,
                        () -> context.eval(Source.create("dl", "fn inner(x) = x // 0\nfn outer(x) = inner(x)\nouter(1)")));
        List<String> names = new ArrayList<>();
        for (PolyglotException.StackFrame frame : error.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getLanguage().getId().equals("dl")) {
                names.add(frame.getRootName());
            }
        }
        assertEquals(List.of("inner", "outer", "<module>"), names);
    }
}
