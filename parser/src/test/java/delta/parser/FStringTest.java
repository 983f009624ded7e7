package delta.parser;

import static delta.parser.Parse.error;
import static delta.parser.Parse.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** f-strings: how they desugar into format calls, where their fields end, and their errors. */
class FStringTest {

    @Test
    void fieldsBecomeFormatCallsJoinedByPlus() {
        assertEquals("(((\"loss \" + $format(l, \".4f\")) + \" at \") + $format((step + 1), \"\"))",
                expr("f\"loss {l:.4f} at {step + 1}\""));
        assertEquals("$format(x, \">5\")", expr("f'{x:>5}'"));
        assertEquals("\"\"", expr("f\"\""));
        assertEquals("\"plain {text}\"", expr("f\"plain {{text}}\""));
    }

    @Test
    void aFieldEndsAtTheFirstColonOrBraceOutsideBracketsAndStrings() {
        // Slices, records, blocks, lambdas and strings with the other quote stay inside the field.
        assertEquals("$format(xs[1:2], \"\")", expr("f\"{xs[1:2]}\""));
        assertEquals("$format({a: 1}.a, \"\")", expr("f\"{ {a: 1}.a }\""));
        assertEquals("$format((\"}\" + \":\"), \"s\")", expr("f\"{'}' + ':':s}\""));
        assertEquals("$format(((x) -> (x * 2))(3), \"\")", expr("f\"{(x -> x * 2)(3)}\""));
        assertEquals("$format(if c {1} else {2}, \"d\")", expr("f\"{if c { 1 } else { 2 }:d}\""));
        // A colon-free spec may hold any characters but '{', '}' and the quote.
        assertEquals("$format(x, \"*^+#012,.3f\")", expr("f\"{x:*^+#012,.3f}\""));
    }

    @Test
    void escapesAndTheNameFAreUnaffected() {
        assertEquals("(\"a\\n\" + $format(f, \"\"))", expr("f\"a\\n{f}\""));
        assertEquals("f", expr("f"));
        assertEquals("f(\"x\")", expr("f(\"x\")"));
    }

    @Test
    void errorsPointIntoTheFile() {
        String source = "let a = 1\nprint(f\"value {a +} here\")";
        SyntaxError e = error(source);
        assertEquals("expected an expression, found the end of the f-string field", e.getMessage());
        assertEquals("}", source.substring(e.span().start(), e.span().end()));
        e = error("print(f\"{}\")");
        assertEquals("f-string: empty expression in {}", e.getMessage());
        assertEquals("{}", "print(f\"{}\")".substring(e.span().start(), e.span().end()));
        e = error("print(f\"a } b\")");
        assertEquals("f-string: a single '}' is not allowed; write '}}' for a brace", e.getMessage());
        e = error("print(f\"{x:{w}}\")");
        assertTrue(e.getMessage().startsWith("f-string: a format spec cannot contain '{'"), e.getMessage());
        e = error("print(f\"{\"a\"}\")");
        assertTrue(e.getMessage().contains("uses the other quote character"), e.getMessage());
        e = error("print(f\"{x");
        assertTrue(e.incomplete(), "an f-string open at the end of the input is incomplete: the REPL reads on");
        // Line and column of the ']' in the file itself.
        e = error("x = 1\ny = f\"{x + ]}\"");
        assertEquals("expected an expression, found ']'", e.getMessage());
        assertEquals("2:12", new SourceText("t", "x = 1\ny = f\"{x + ]}\"").lineOf(e.span().start()) + ":"
                + new SourceText("t", "x = 1\ny = f\"{x + ]}\"").columnOf(e.span().start()));
    }
}
