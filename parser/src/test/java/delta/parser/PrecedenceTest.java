package delta.parser;

import static delta.parser.Parse.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator precedence and associativity, stated as fully parenthesised renderings. */
class PrecedenceTest {

    @ParameterizedTest(name = "{0}  =>  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 + 2 * 3                 | (1 + (2 * 3))
            1 * 2 + 3                 | ((1 * 2) + 3)
            1 - 2 - 3                 | ((1 - 2) - 3)
            1 / 2 / 3                 | ((1 / 2) / 3)
            a // b % c @ d            | (((a // b) % c) @ d)
            a @ b + c                 | ((a @ b) + c)
            2 ** 3 ** 2               | (2 ** (3 ** 2))
            -2 ** 2                   | (-(2 ** 2))
            2 ** -1                   | (2 ** (-1))
            2 ** -1 ** 2              | (2 ** (-(1 ** 2)))
            a ** b * c                | ((a ** b) * c)
            a * b ** c                | (a * (b ** c))
            -a * b                    | ((-a) * b)
            a * -b                    | (a * (-b))
            - - a                     | (-(-a))
            a - -b                    | (a - (-b))
            a + b < c * d             | ((a + b) < (c * d))
            a == b and c != d         | ((a == b) and (c != d))
            a or b and c              | (a or (b and c))
            a and b or c              | ((a and b) or c)
            a or b or c               | ((a or b) or c)
            a and b and c             | ((a and b) and c)
            not a == b                | (not (a == b))
            not a and b               | ((not a) and b)
            not not a                 | (not (not a))
            a and not b               | (a and (not b))
            a or not b and c          | (a or ((not b) and c))
            not a + 1 < b             | (not ((a + 1) < b))
            a <= b or a >= c          | ((a <= b) or (a >= c))
            (a < b) < c               | ((a < b) < c)
            (1 + 2) * 3               | ((1 + 2) * 3)
            f(x).y[0] ** 2            | (f(x).y[0] ** 2)
            -f(x)[1]                  | (-f(x)[1])
            -r.w                      | (-r.w)
            a.b.c                     | a.b.c
            f(x)(y)                   | f(x)(y)
            x -> x * x                | ((x) -> (x * x))
            x -> y -> x + y           | ((x) -> ((y) -> (x + y)))
            x -> a or b               | ((x) -> (a or b))
            """)
    void rendersWithExpectedGrouping(String source, String expected) {
        assertEquals(expected, expr(source));
    }

    @Test
    void lambdaBodyEndsAtCommaInArguments() {
        assertEquals("map(xs, ((x) -> (x + 1)), 3)", expr("map(xs, x -> x + 1, 3)"));
        assertEquals("f(((a, b) -> (a * b)), c)", expr("f((a, b) -> a * b, c)"));
    }

    @Test
    void operandsMayContinueOnTheNextLineAfterAnOperator() {
        assertEquals("{((1 + 2) * 3)}", expr("{\n(1 +\n 2) *\n 3\n}"));
        assertEquals("{(a and b); c}", expr("{ a and\n b\n c }"));
    }
}
