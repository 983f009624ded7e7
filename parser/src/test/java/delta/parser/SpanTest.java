package delta.parser;

import static delta.parser.Parse.program;
import static delta.parser.Parse.single;
import static org.junit.jupiter.api.Assertions.assertEquals;

import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import org.junit.jupiter.api.Test;

/** Spans run exactly from the start of a node's first token to the end of its last. */
class SpanTest {

    private static String text(String source, Span span) {
        return source.substring(span.start(), span.end());
    }

    private static String text(String source, Expr e) {
        return text(source, e.span());
    }

    @Test
    void programCoversTheWholeText() {
        String source = "  let x = 1  \n# trailing comment\n";
        assertEquals(new Span(0, source.length()), program(source).span());
        assertEquals(new Span(0, 0), program("").span());
    }

    @Test
    void binaryCoversOperandsAndOpSpanIsTheOperator() {
        String s = "  a  +  b * c  ";
        Expr.Binary add = (Expr.Binary) single(s);
        assertEquals("a  +  b * c", text(s, add));
        assertEquals("+", text(s, add.opSpan()));
        Expr.Binary mul = (Expr.Binary) add.right();
        assertEquals("b * c", text(s, mul));
        assertEquals("*", text(s, mul.opSpan()));
    }

    @Test
    void parenthesesBelongToTheParentsSpan() {
        String s = "(a + b) * c";
        Expr.Binary mul = (Expr.Binary) single(s);
        assertEquals("(a + b) * c", text(s, mul));
        assertEquals("a + b", text(s, mul.left()), "the inner node keeps its own exact span");

        String call = "f((x))";
        Expr.Call c = (Expr.Call) single(call);
        assertEquals("(x)", text(call, c.args().getFirst().span()));
        String assign = "(x) = 1";
        assertEquals("(x) = 1", text(assign, single(assign)));
    }

    @Test
    void literalsAndNames() {
        String s = "[12, 3.5e2, \"str\\n\", true, none, name]";
        Expr.ListLit list = (Expr.ListLit) single(s);
        assertEquals(s, text(s, list));
        assertEquals("12", text(s, list.items().get(0)));
        assertEquals("3.5e2", text(s, list.items().get(1)));
        assertEquals("\"str\\n\"", text(s, list.items().get(2)));
        assertEquals("true", text(s, list.items().get(3)));
        assertEquals("none", text(s, list.items().get(4)));
        assertEquals("name", text(s, list.items().get(5)));
    }

    @Test
    void unaryAndLogical() {
        String s = "not -x and y";
        Expr.Logical and = (Expr.Logical) single(s);
        assertEquals(s, text(s, and));
        Expr.Unary not = (Expr.Unary) and.left();
        assertEquals("not -x", text(s, not));
        assertEquals("-x", text(s, not.operand()));
    }

    @Test
    void callsIndexesSlicesAndFields() {
        String s = "m.f(a, axis = 1)[1:, ::2].w";
        Expr.FieldGet field = (Expr.FieldGet) single(s);
        assertEquals(s, text(s, field));
        Expr.Index index = (Expr.Index) field.target();
        assertEquals("m.f(a, axis = 1)[1:, ::2]", text(s, index));
        assertEquals("1:", text(s, index.indices().get(0)));
        assertEquals("::2", text(s, index.indices().get(1)));
        Expr.Call call = (Expr.Call) index.target();
        assertEquals("m.f(a, axis = 1)", text(s, call));
        assertEquals("axis = 1", text(s, call.args().get(1).span()));
        assertEquals("a", text(s, call.args().get(0).span()));
        assertEquals("m.f", text(s, call.callee()));

        String slices = "t[:, a:b, :c:]";
        Expr.Index t = (Expr.Index) single(slices);
        assertEquals(":", text(slices, t.indices().get(0)));
        assertEquals("a:b", text(slices, t.indices().get(1)));
        assertEquals(":c:", text(slices, t.indices().get(2)));
    }

    @Test
    void recordsAndFields() {
        String s = "{\n  w: 1,\n  \"b\": x + 1,\n}";
        Expr.RecordLit r = (Expr.RecordLit) single(s);
        assertEquals(s, text(s, r));
        assertEquals("w: 1", text(s, r.fields().get(0).span()));
        assertEquals("\"b\": x + 1", text(s, r.fields().get(1).span()));
    }

    @Test
    void lambdasAndFunctions() {
        String s = "(a, b) -> a + b";
        Expr.Lambda lambda = (Expr.Lambda) single(s);
        assertEquals(s, text(s, lambda));
        assertEquals("b", text(s, lambda.params().get(1).span()));

        String fn = "fn f(x) = x * 2";
        Expr.FnDecl decl = (Expr.FnDecl) single(fn);
        assertEquals(fn, text(fn, decl));
        assertEquals(fn, text(fn, decl.function()));
        assertEquals("x * 2", text(fn, decl.function().body()));

        String anon = "fn(x) { x }";
        assertEquals(anon, text(anon, single(anon)));
    }

    @Test
    void statements() {
        String s = "let (a, b) = pair\nx += 1\nreturn x\nreturn\nbreak\nimport \"lib/m.dl\" as m";
        Expr.Block p = program(s);
        Expr.Let let = (Expr.Let) p.items().get(0);
        assertEquals("let (a, b) = pair", text(s, let));
        assertEquals("(a, b)", text(s, let.target().span()));
        Expr.Assign assign = (Expr.Assign) p.items().get(1);
        assertEquals("x += 1", text(s, assign));
        Expr.Binary desugared = (Expr.Binary) assign.value();
        assertEquals("x += 1", text(s, desugared));
        assertEquals("+=", text(s, desugared.opSpan()));
        assertEquals("return x", text(s, p.items().get(2)));
        assertEquals("return", text(s, p.items().get(3)));
        assertEquals("break", text(s, p.items().get(4)));
        assertEquals("import \"lib/m.dl\" as m", text(s, p.items().get(5)));
    }

    @Test
    void controlFlow() {
        String s = "if a {\n  1\n} else if b {\n  2\n}\nwhile c { }\nfor x in xs { }";
        Expr.Block p = program(s);
        Expr.If ifs = (Expr.If) p.items().get(0);
        assertEquals("if a {\n  1\n} else if b {\n  2\n}", text(s, ifs));
        assertEquals("{\n  1\n}", text(s, ifs.then()));
        assertEquals("if b {\n  2\n}", text(s, ifs.orElse()));
        assertEquals("while c { }", text(s, p.items().get(1)));
        assertEquals("for x in xs { }", text(s, p.items().get(2)));
        Expr.For loop = (Expr.For) p.items().get(2);
        assertEquals("x", text(s, loop.target().span()));
        assertEquals("{ }", text(s, loop.body()));
    }

    @Test
    void tuplesAndLists() {
        String s = "((1, 2), [3,], ())";
        Expr.TupleLit t = (Expr.TupleLit) single(s);
        assertEquals(s, text(s, t));
        assertEquals("(1, 2)", text(s, t.items().get(0)));
        assertEquals("[3,]", text(s, t.items().get(1)));
        assertEquals("()", text(s, t.items().get(2)));
    }
}
