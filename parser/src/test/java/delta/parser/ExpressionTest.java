package delta.parser;

import static delta.parser.Parse.expr;
import static delta.parser.Parse.expression;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.parser.ast.Expr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expression form, checked through the node types and fields it produces. */
class ExpressionTest {

    @Test
    void integerLiterals() {
        assertEquals(42L, ((Expr.IntLit) expression("42")).value());
        assertEquals(1_000_000L, ((Expr.IntLit) expression("1_000_000")).value());
        assertEquals(Long.MAX_VALUE, ((Expr.IntLit) expression("9223372036854775807")).value());
        assertEquals(7L, ((Expr.IntLit) expression("007")).value());
    }

    @Test
    void floatLiterals() {
        assertEquals(3.0, ((Expr.FloatLit) expression("3.0")).value());
        assertEquals(1e-3, ((Expr.FloatLit) expression("1e-3")).value());
        assertEquals(2.5e10, ((Expr.FloatLit) expression("2.5E+10")).value());
        assertEquals(1e5, ((Expr.FloatLit) expression("1e5")).value());
        assertEquals(1234.5, ((Expr.FloatLit) expression("1_234.5")).value());
    }

    @Test
    void stringLiteralsWithEitherQuoteAndEscapes() {
        assertEquals("text", ((Expr.StringLit) expression("\"text\"")).value());
        assertEquals("text", ((Expr.StringLit) expression("'text'")).value());
        assertEquals("a\nb\tc\rd\\e\"f'g\0h", ((Expr.StringLit) expression("\"a\\nb\\tc\\rd\\\\e\\\"f\\'g\\0h\"")).value());
        assertEquals("it's", ((Expr.StringLit) expression("\"it's\"")).value());
        assertEquals("say \"hi\"", ((Expr.StringLit) expression("'say \"hi\"'")).value());
        assertEquals("\uD83D\uDE00", ((Expr.StringLit) expression("\"\\u{1F600}\"")).value());
        assertEquals("\u00e9A", ((Expr.StringLit) expression("\"\\u00e9\\u{41}\"")).value());
        assertEquals("\uD83D\uDE00", ((Expr.StringLit) expression("\"\\uD83D\\uDE00\"")).value());
        assertEquals("", ((Expr.StringLit) expression("''")).value());
        assertEquals("two\nlines", ((Expr.StringLit) expression("\"two\nlines\"")).value());
        assertEquals("# not a comment", ((Expr.StringLit) expression("\"# not a comment\"")).value());
    }

    @Test
    void booleanAndNoneLiterals() {
        assertEquals(true, ((Expr.BoolLit) expression("true")).value());
        assertEquals(false, ((Expr.BoolLit) expression("false")).value());
        assertInstanceOf(Expr.NoneLit.class, expression("none"));
    }

    @Test
    void lists() {
        assertEquals("[1, 2, 3]", expr("[1, 2, 3]"));
        assertEquals("[1, 2]", expr("[1, 2,]"));
        assertEquals("[]", expr("[]"));
        assertEquals("[[1], [2, 3]]", expr("[[1], [2,\n 3]]"));
        assertEquals(3, ((Expr.ListLit) expression("[\n  1,\n  2,\n  3,\n]")).items().size());
    }

    @Test
    void tuplesAndParentheses() {
        assertInstanceOf(Expr.TupleLit.class, expression("(a, b)"));
        assertEquals("(a, b)", expr("(a, b)"));
        assertEquals("(a,)", expr("(a,)"));
        assertEquals(1, ((Expr.TupleLit) expression("(a,)")).items().size());
        assertEquals("()", expr("()"));
        assertEquals(0, ((Expr.TupleLit) expression("()")).items().size());
        assertInstanceOf(Expr.Name.class, expression("(a)"), "a parenthesised expression is not a tuple");
        assertEquals("(1, (2, 3))", expr("(1, (2, 3))"));
        assertEquals("(a, b)", expr("(a,\n b,\n)"));
    }

    @Test
    void records() {
        Expr.RecordLit r = (Expr.RecordLit) expression("{w: 1.0, b: 2.0}");
        assertEquals(List.of("w", "b"), r.fields().stream().map(Expr.RecordLit.Field::name).toList());
        assertEquals("{w: 1.0, b: 2.0}", expr("{w: 1.0, b: 2.0}"));
        assertEquals("{}", expr("{}"));
        assertEquals(0, ((Expr.RecordLit) expression("{}")).fields().size());
        assertEquals(0, ((Expr.RecordLit) expression("{\n\n}")).fields().size());
        assertEquals("{a: 1, b: 2}", expr("{\n  a: 1,\n  b: 2,\n}"));
        assertEquals("{a: 1, b: 2}", expr("{ a:\n 1\n , b\n : 2 }"));
        assertEquals("{my key: 1, if: 2}", expr("{\"my key\": 1, 'if': 2}"));
        assertEquals("{a: {b: 1}}", expr("{a: {b: 1}}"));
        assertEquals("f({x: 1, y: ((v) -> v)})", expr("f({x: 1,\n y: v -> v})"));
    }

    @Test
    void braceThatIsNotARecordIsABlock() {
        assertInstanceOf(Expr.Block.class, expression("{ x }"));
        assertInstanceOf(Expr.Block.class, expression("{ let y = 1; y }"));
        assertInstanceOf(Expr.Block.class, expression("{ \"s\" }"));
        assertEquals("{let y = 1; (y * 2)}", expr("{\n let y = 1\n y * 2\n}"));
        assertEquals("{{a: 1}}", expr("{ {a: 1} }"));
    }

    @Test
    void calls() {
        Expr.Call call = (Expr.Call) expression("f(a, b, axis=1)");
        assertEquals(3, call.args().size());
        assertNull(call.args().get(0).name());
        assertNull(call.args().get(1).name());
        assertEquals("axis", call.args().get(2).name());
        assertEquals("f()", expr("f()"));
        assertEquals("f(1, 2)", expr("f(1, 2,)"));
        assertEquals("f(x=1, y=2)", expr("f(x=1, y=2)"));
        assertEquals("f((x == 1))", expr("f(x == 1)"));
        assertEquals("f(1, 2)", expr("f(\n  1,\n  2\n)"));
        assertEquals("f(x)(y)(z)", expr("f(x)(y)(z)"));
    }

    @Test
    void indexingAndSlices() {
        assertEquals("a[i]", expr("a[i]"));
        assertEquals("t[i, j]", expr("t[i, j]"));
        assertEquals(2, ((Expr.Index) expression("t[i, j]")).indices().size());
        assertEquals("t[a:b]", expr("t[a:b]"));
        assertEquals("t[:, j]", expr("t[:, j]"));
        assertEquals("t[::2]", expr("t[::2]"));
        assertEquals("t[1:]", expr("t[1:]"));
        assertEquals("t[:(-1)]", expr("t[:-1]"));
        assertEquals("t[(i + 1):(n * 2):(-1)]", expr("t[i + 1 : n * 2 : -1]"));
        assertEquals("m[0][1]", expr("m[0][1]"));

        Expr.Slice all = (Expr.Slice) ((Expr.Index) expression("t[:]")).indices().getFirst();
        assertNull(all.lo());
        assertNull(all.hi());
        assertNull(all.step());
        Expr.Slice stepOnly = (Expr.Slice) ((Expr.Index) expression("t[::2]")).indices().getFirst();
        assertNull(stepOnly.lo());
        assertNull(stepOnly.hi());
        assertEquals(2L, ((Expr.IntLit) stepOnly.step()).value());
        Expr.Slice from = (Expr.Slice) ((Expr.Index) expression("t[1:]")).indices().getFirst();
        assertEquals(1L, ((Expr.IntLit) from.lo()).value());
        assertNull(from.hi());
        Expr.Slice both = (Expr.Slice) ((Expr.Index) expression("t[a:b:]")).indices().getFirst();
        assertNull(both.step());
    }

    @Test
    void fieldAccess() {
        Expr.FieldGet get = (Expr.FieldGet) expression("r.w");
        assertEquals("w", get.name());
        assertEquals("r", ((Expr.Name) get.target()).name());
        assertEquals("nn.linear(x).w", expr("nn.linear(x).w"));
    }

    @Test
    void arrowLambdas() {
        Expr.Lambda one = (Expr.Lambda) expression("x -> x * x");
        assertNull(one.name());
        assertEquals(List.of("x"), one.params().stream().map(Expr.Param::name).toList());
        assertInstanceOf(Expr.Binary.class, one.body());

        Expr.Lambda two = (Expr.Lambda) expression("(x, y) -> x + y");
        assertEquals(List.of("x", "y"), two.params().stream().map(Expr.Param::name).toList());
        assertEquals(0, ((Expr.Lambda) expression("() -> 42")).params().size());
        assertEquals(1, ((Expr.Lambda) expression("(x,) -> x")).params().size());
        assertEquals("((x) -> {let y = (x * 2); y})", expr("x -> {\n  let y = x * 2\n  y\n}"));
        assertEquals("((x) -> (x + 1))", expr("x ->\n x + 1"));
        assertEquals("((x) -> {})", expr("x -> {}"), "{} after -> is an empty record");
        assertInstanceOf(Expr.RecordLit.class, ((Expr.Lambda) expression("x -> {}")).body());
    }

    @Test
    void parenthesisedExpressionIsNotMistakenForLambdaParameters() {
        assertEquals("((a + b) * c)", expr("(a + b) * c"));
        assertEquals("f((a, b), ((x) -> x))", expr("f((a, b), x -> x)"));
        assertEquals("g(((a) -> 1))", expr("g((a) -> 1)"));
        assertEquals("g((a + 1), b)", expr("g((a) + 1, b)"));
    }

    @Test
    void anonymousFn() {
        Expr.Lambda block = (Expr.Lambda) expression("fn(x) { x + 1 }");
        assertNull(block.name());
        assertInstanceOf(Expr.Block.class, block.body());
        Expr.Lambda eq = (Expr.Lambda) expression("fn(x, y) = x * y");
        assertInstanceOf(Expr.Binary.class, eq.body());
        assertEquals("map(xs, ((x) -> (x * 2)), 1)", expr("map(xs, fn(x) = x * 2, 1)"));
        assertEquals("f(((x) -> {let y = x; y}), 2)", expr("f(fn(x) {\n  let y = x\n  y\n}, 2)"));
        assertEquals(0, ((Expr.Lambda) expression("fn() = 1")).params().size());
    }

    @Test
    void ifExpressions() {
        Expr.If plain = (Expr.If) expression("if c { 1 }");
        assertNull(plain.orElse());
        Expr.If withElse = (Expr.If) expression("if c { 1 } else { 2 }");
        assertInstanceOf(Expr.Block.class, withElse.orElse());
        Expr.If chain = (Expr.If) expression("if a { 1 } else if b { 2 } else { 3 }");
        Expr.If nested = assertInstanceOf(Expr.If.class, chain.orElse());
        assertInstanceOf(Expr.Block.class, nested.orElse());
        assertEquals("if a {1} else if b {2} else {3}", expr("if a { 1 } else if b { 2 } else { 3 }"));
        assertEquals("if a {1} else {2}", expr("if a {\n 1\n}\nelse {\n 2\n}"));
        assertEquals("if a {1} else {2}", expr("if a { 1 }\n\n# comment\nelse { 2 }"));
        assertEquals("if a {} else {}", expr("if a {} else {}"), "{} after if is an empty block, not a record");
        assertInstanceOf(Expr.Block.class, ((Expr.If) expression("if a {}")).then());
        assertEquals("if (a == {x: 1}) {x} else {}", expr("if a == {x: 1} { x } else {}"));
        assertEquals("(if c {1} else {2} + 1)", expr("if c { 1 } else { 2 } + 1"));
    }

    @Test
    void ifAsAValue() {
        assertEquals("let x = if c {1} else {2}", Parse.prog("let x = if c { 1 } else { 2 }"));
    }

    @Test
    void expressionEntryPointAcceptsSurroundingNewlines() {
        assertEquals("(1 + 2)", expr("\n\n1 + 2\n\n"));
    }

    @Test
    void commentsAreIgnored() {
        assertEquals("(1 + 2)", expr("1 + # one\n 2 # two"));
        assertEquals("[1, 2]", expr("[1, # first\n 2] # done"));
    }

    @Test
    void keywordsAreNotNames() {
        assertTrue(expression("nonesuch") instanceof Expr.Name n && n.name().equals("nonesuch"));
        assertTrue(expression("iffy") instanceof Expr.Name);
        assertTrue(expression("_x1") instanceof Expr.Name);
    }
}
