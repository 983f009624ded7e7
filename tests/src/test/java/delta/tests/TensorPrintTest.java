package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

/** Tensor printing beyond the golden files: set_print_precision belongs to one context. */
class TensorPrintTest {
    @Test
    void printPrecisionIsPerContext() {
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
                        Context first = Context.newBuilder("dl").engine(engine).build();
                        Context second = Context.newBuilder("dl").engine(engine).build()) {
            first.eval("dl", "set_print_precision(1)");
            assertEquals("tensor([0.5], shape=[1], dtype=f64)", first.eval("dl", "tensor([0.5])").toString());
            assertEquals("tensor([0.5000], shape=[1], dtype=f64)", second.eval("dl", "tensor([0.5])").toString());
        }
        try (Context fresh = Context.create("dl")) {
            assertEquals("tensor([0.5000], shape=[1], dtype=f64)", fresh.eval("dl", "tensor([0.5])").toString(), "a new context starts at 4");
        }
    }

    @Test
    void hugeTensorsPrintOnlyTheirEdges() {
        try (Context context = Context.create("dl")) {
            String text = context.eval("dl", "zeros([1000, 1000, 10])").toString();
            // 3 + 3 blocks of 3 + 3 rows of 10 elements, with "..." standing for the rest of each long axis.
            assertEquals(36, text.lines().filter(l -> l.contains("0.0000, 0.0000")).count(), text);
            assertEquals(7, text.lines().filter(l -> l.strip().equals("...,")).count(), text);
            assertTrue(text.endsWith("shape=[1000, 1000, 10], dtype=f64)"), text);
        }
    }
}
