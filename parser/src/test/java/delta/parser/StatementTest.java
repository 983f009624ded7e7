package delta.parser;

import static delta.parser.Parse.prog;
import static delta.parser.Parse.program;
import static delta.parser.Parse.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import delta.parser.ast.BinaryOp;
import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement forms, separators and the places where a newline does not end a statement. */
class StatementTest {

    @Test
    void emptyProgram() {
        assertEquals(0, program("").items().size());
        assertEquals(0, program("\n\n  # only a comment\n;;\n").items().size());
    }

    @Test
    void statementsAreSeparatedByNewlinesOrSemicolons() {
        assertEquals("a; b; c", prog("a\nb;c"));
        assertEquals("a; b", prog(";;a;;\n\n;b;\n"));
        assertEquals("a; b", prog("a\r\nb\r\n"));
    }

    @Test
    void letWithName() {
        Expr.Let let = (Expr.Let) single("let x = 1 + 2");
        assertEquals("x", ((Pattern.Bind) let.target()).name());
        assertEquals("(1 + 2)", TreePrinter.print(let.value()));
        assertEquals("let x = 5", prog("let x =\n  5"));
    }

    @Test
    void letWithTuplePatterns() {
        Expr.Let let = (Expr.Let) single("let (a, b) = pair");
        Pattern.Tuple tuple = (Pattern.Tuple) let.target();
        assertEquals(2, tuple.items().size());
        assertEquals("let (a, (b, c)) = t", prog("let (a, (b, c)) = t"));
        assertEquals("let (a,) = t", prog("let (a,) = t"));
        assertEquals("let () = t", prog("let () = t"));
        assertInstanceOf(Pattern.Bind.class, ((Expr.Let) single("let (a) = t")).target(), "(a) is just a");
        assertEquals("let (a, b) = t", prog("let (a,\n b,\n) = t"));
    }

    @Test
    void assignments() {
        Expr.Assign plain = (Expr.Assign) single("x = 1");
        assertInstanceOf(Expr.Name.class, plain.target());
        assertInstanceOf(Expr.Index.class, ((Expr.Assign) single("a[i] = 2")).target());
        assertInstanceOf(Expr.FieldGet.class, ((Expr.Assign) single("r.w = 3")).target());
        assertInstanceOf(Expr.Index.class, ((Expr.Assign) single("t[1:, 0] = 0")).target());
        assertEquals("x = (a + b)", prog("x =\n a + b"));
        assertEquals("m.layers[0].w = 1", prog("m.layers[0].w = 1"));
        assertEquals("x = 1", prog("(x) = 1"));
    }

    @Test
    void compoundAssignmentsDesugar() {
        String[][] cases = {{"+=", "ADD"}, {"-=", "SUB"}, {"*=", "MUL"}, {"/=", "DIV"}};
        for (String[] c : cases) {
            Expr.Assign assign = (Expr.Assign) single("x " + c[0] + " y");
            Expr.Binary value = (Expr.Binary) assign.value();
            assertEquals(BinaryOp.valueOf(c[1]), value.op(), c[0]);
            assertSame(assign.target(), value.left(), "the target is also the left operand");
            assertEquals("y", ((Expr.Name) value.right()).name());
        }
        assertEquals("a[i] = (a[i] * (2 + 1))", prog("a[i] *= 2 + 1"));
        assertEquals("r.n = (r.n + 1)", prog("r.n += 1"));
    }

    @Test
    void namedFunctionDeclarations() {
        Expr.FnDecl block = (Expr.FnDecl) single("fn f(a, b) {\n  a + b\n}");
        assertEquals("f", block.name());
        assertEquals("f", block.function().name());
        assertEquals(List.of("a", "b"), block.function().params().stream().map(Expr.Param::name).toList());
        assertInstanceOf(Expr.Block.class, block.function().body());

        Expr.FnDecl eq = (Expr.FnDecl) single("fn sq(x) = x * x");
        assertEquals("(x * x)", TreePrinter.print(eq.function().body()));
        assertEquals("fn g() {}", prog("fn g() {}"));
        assertEquals("fn h(x) (x + 1)", prog("fn h(x) =\n  x + 1"));
        assertEquals("fn k(x) {x}", prog("fn k(x)\n{\n  x\n}"));
        assertEquals("fn f(a, b) {}", prog("fn f(\n a,\n b,\n) {}"));
    }

    @Test
    void fnWithoutNameAtStatementStartIsAnExpression() {
        Expr.Lambda lambda = assertInstanceOf(Expr.Lambda.class, single("fn(x) = x"));
        assertNull(lambda.name());
    }

    @Test
    void whileLoops() {
        Expr.While loop = (Expr.While) single("while i < n { i += 1 }");
        assertEquals("(i < n)", TreePrinter.print(loop.condition()));
        assertEquals(1, loop.body().items().size());
        assertEquals("while true {break; continue}", prog("while true {\n  break\n  continue\n}"));
        assertEquals("while c {}", prog("while c\n{\n}"));
    }

    @Test
    void forLoops() {
        Expr.For loop = (Expr.For) single("for x in xs { print(x) }");
        assertEquals("x", ((Pattern.Bind) loop.target()).name());
        assertEquals("xs", ((Expr.Name) loop.iterable()).name());
        assertEquals("for (a, b) in pairs {(a + b)}", prog("for (a, b) in pairs { a + b }"));
        assertEquals("for i in range(0, n) {}", prog("for i in range(0, n) {}"));
        assertEquals("for (i, (a, b)) in enumerate(zip(xs, ys)) {}", prog("for (i, (a, b)) in enumerate(zip(xs, ys)) {}"));
    }

    @Test
    void returns() {
        assertEquals("fn f() {return}", prog("fn f() { return }"));
        assertEquals("fn f() {return; x}", prog("fn f() {\n  return\n  x\n}"));
        assertEquals("fn f() {return; x}", prog("fn f() { return; x }"));
        assertEquals("fn f() {return (x + 1)}", prog("fn f() { return x + 1 }"));
        assertEquals("return", prog("return"));
        Expr.Return r = (Expr.Return) single("return");
        assertNull(r.value());
    }

    @Test
    void imports() {
        Expr.Import plain = (Expr.Import) single("import nn");
        assertEquals("nn", plain.module());
        assertNull(plain.path());
        assertEquals("nn", plain.binding());

        Expr.Import alias = (Expr.Import) single("import nn as n");
        assertEquals("nn", alias.module());
        assertEquals("n", alias.binding());

        Expr.Import file = (Expr.Import) single("import \"other.dl\"");
        assertNull(file.module());
        assertEquals("other.dl", file.path());
        assertEquals("other", file.binding());

        Expr.Import nested = (Expr.Import) single("import \"lib/other.dl\" as o");
        assertEquals("lib/other.dl", nested.path());
        assertEquals("o", nested.binding());

        assertEquals("helpers", ((Expr.Import) single("import 'a/b/helpers.dl'")).binding());
        assertEquals("noext", ((Expr.Import) single("import \"noext\"")).binding());
        assertEquals("m", ((Expr.Import) single("import \"lib/my-mod.dl\" as m")).binding());
        assertEquals("win", ((Expr.Import) single("import \"lib\\\\win.dl\"")).binding());
    }

    @Test
    void blocksNestAndSeparateTheirItems() {
        Expr.Block block = (Expr.Block) single("{\n  let a = 1\n  let b = 2; a + b\n}");
        assertEquals(3, block.items().size());
        assertEquals("{{{}}}", prog("{{{}}}").replace(" ", ""));
    }

    @Test
    void lambdaBlockBodyInsideCallArgumentsKeepsItsNewlines() {
        Expr.Call call = (Expr.Call) single("each(xs, fn(x) {\n  let y = x * 2\n  print(y)\n})");
        Expr.Lambda lambda = (Expr.Lambda) call.args().get(1).value();
        assertEquals(2, ((Expr.Block) lambda.body()).items().size());
        assertEquals("each(xs, ((x) -> {let y = x; print(y)}))", prog("each(xs, x -> {\n  let y = x\n  print(y)\n})"));
    }

    @Test
    void newlinesInsideBracketsDoNotEndStatements() {
        assertEquals("let x = f(1, 2); y", prog("let x = f(1,\n 2\n)\ny"));
        assertEquals("let x = [1, 2]; y", prog("let x = [\n1\n,\n2\n]\ny"));
        assertEquals("let x = (1 + 2)", prog("let x = (1\n + 2)"));
    }

    @Test
    void aWholeProgram() {
        String source = """
                import nn
                import "lib/data.dl" as data

                # a tiny model
                fn model(p, x) = p.w @ x + p.b

                fn loss(p, xs, ys) {
                  let total = 0.0
                  for (x, y) in zip(xs, ys) {
                    let d = model(p, x) - y
                    total += d ** 2
                  }
                  return total / len(xs)
                }

                let params = {w: nn.randn(3, 3), b: nn.zeros(3)}
                let step = 0
                while step < 100 {
                  let g = grad(p -> loss(p, data.xs, data.ys))(params)
                  params = {w: params.w - 0.1 * g.w,
                            b: params.b - 0.1 * g.b}
                  if step % 10 == 0 { print(step, loss(params, data.xs, data.ys), sep=" ") }
                  else if step > 90 { break }
                  step += 1
                }
                """;
        Expr.Block program = program(source);
        assertEquals(7, program.items().size());
        assertInstanceOf(Expr.While.class, program.items().get(6));
        Expr.While loop = (Expr.While) program.items().get(6);
        assertEquals(4, loop.body().items().size());
        Expr.If branch = assertInstanceOf(Expr.If.class, loop.body().items().get(2));
        assertInstanceOf(Expr.If.class, branch.orElse());
    }
}
