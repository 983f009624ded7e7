package delta.language.builtins;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's format-spec mini-language, for {@code format(value, spec)}:
 * {@code [[fill]align][sign][#][0][width][,|_][.precision][type]} with the types
 * {@code d f F e E g G % s} (and none). Numbers are rounded from their exact binary value, half
 * to even, with BigDecimal, so results match Python's digit for digit ({@code format(2.675, ".2f")}
 * is {@code 2.67}, because 2.675 is stored as 2.67499999...).
 */
final class FormatSpec {
    private char fill = ' ';
    private char align; // 0 when the spec gives none: numbers then align right, text left
    private char sign = '-';
    private boolean alternate;
    private int width;
    private char grouping; // 0, ',' or '_'
    private int precision = -1;
    private char type; // 0 when the spec gives none

    /** Thrown for a spec that does not parse or does not apply to the value; the message says why. */
    static final class BadSpec extends RuntimeException {
        BadSpec(String message) {
            super(message);
        }
    }

    private FormatSpec() {
    }

    static FormatSpec parse(String spec) {
        FormatSpec f = new FormatSpec();
        int i = 0, n = spec.length();
        if (n >= 2 && isAlign(spec.charAt(1))) {
            f.fill = spec.charAt(0);
            f.align = spec.charAt(1);
            i = 2;
        } else if (n >= 1 && isAlign(spec.charAt(0))) {
            f.align = spec.charAt(0);
            i = 1;
        }
        if (i < n && (spec.charAt(i) == '+' || spec.charAt(i) == '-' || spec.charAt(i) == ' ')) {
            f.sign = spec.charAt(i++);
        }
        if (i < n && spec.charAt(i) == '#') {
            f.alternate = true;
            i++;
        }
        if (i < n && spec.charAt(i) == '0') {
            // Zero padding: '0' fills between the sign and the digits, unless fill or align were given.
            if (f.align == 0) {
                f.fill = '0';
                f.align = '=';
            }
            i++;
        }
        int start = i;
        while (i < n && Character.isDigit(spec.charAt(i))) {
            i++;
        }
        f.width = number(spec, start, i);
        if (i < n && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
            f.grouping = spec.charAt(i++);
        }
        if (i < n && spec.charAt(i) == '.') {
            start = ++i;
            while (i < n && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new BadSpec("'.' must be followed by the precision, a number of digits");
            }
            f.precision = number(spec, start, i);
        }
        if (i < n) {
            f.type = spec.charAt(i++);
            if ("dfFeEgG%s".indexOf(f.type) < 0) {
                throw new BadSpec("unknown format type '" + f.type + "'; the types are d f F e E g G % s");
            }
        }
        if (i < n) {
            throw new BadSpec("unexpected '" + spec.substring(i) + "' at the end");
        }
        return f;
    }

    private static boolean isAlign(char c) {
        return c == '<' || c == '>' || c == '^' || c == '=';
    }

    private static int number(String spec, int from, int to) {
        if (from == to) {
            return 0;
        }
        if (to - from > 6) {
            throw new BadSpec("'" + spec.substring(from, to) + "' is too large");
        }
        return Integer.parseInt(spec.substring(from, to));
    }

    /** Formats an int or float, or (with type s or none) any other value as str shows it. */
    String format(Object value) {
        if (value instanceof Long l && (type == 0 || type == 'd')) {
            checkNoPrecision("an int");
            String signText = signOf(l < 0);
            return pad(signText, group(Long.toString(l).replace("-", ""), "", signText.length()), true);
        }
        if (value instanceof Long || value instanceof Double) {
            if (type == 'd') {
                throw new BadSpec("type 'd' needs an int, got a float (use round(x) or int(x) first)");
            }
            if (type == 's') {
                throw new BadSpec("type 's' needs a str");
            }
            double d = ((Number) value).doubleValue();
            return formatFloat(d);
        }
        if (type != 0 && type != 's') {
            throw new BadSpec("type '" + type + "' needs a number");
        }
        if (sign != '-' || grouping != 0 || align == '=' || alternate) {
            throw new BadSpec("sign, '#', grouping and '=' alignment apply to numbers only");
        }
        String text = delta.language.runtime.Values.str(value);
        // A precision cuts text to that many characters.
        String s = precision >= 0 && precision < text.codePointCount(0, text.length())
                ? text.substring(0, text.offsetByCodePoints(0, precision)) : text;
        return pad("", s, false);
    }

    private void checkNoPrecision(String what) {
        if (precision >= 0) {
            throw new BadSpec("a precision is not allowed for " + what + " with type " + (type == 0 ? "none" : "'" + type + "'"));
        }
    }

    private String formatFloat(double d) {
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        double magnitude = Math.abs(d);
        char t = type;
        boolean upper = t == 'F' || t == 'E' || t == 'G';
        String body;
        String suffix = "";
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            body = Double.isNaN(d) ? "nan" : "inf";
            negative = !Double.isNaN(d) && d < 0;
            if (upper) {
                body = body.toUpperCase();
            }
            if (t == '%') {
                suffix = "%";
            }
            return pad(signOf(negative), body + suffix, true);
        }
        BigDecimal exact = new BigDecimal(magnitude);
        switch (t) {
            case 'f', 'F' -> body = fixed(exact, precision < 0 ? 6 : precision);
            case '%' -> {
                // Multiplied in floating point, as Python does, before the exact rounding.
                body = fixed(new BigDecimal(magnitude * 100), precision < 0 ? 6 : precision);
                suffix = "%";
            }
            case 'e', 'E' -> body = scientific(exact, precision < 0 ? 6 : precision, upper);
            case 'g', 'G' -> {
                int significant = precision < 0 ? 6 : Math.max(precision, 1);
                body = general(exact, significant, significant, upper, alternate);
            }
            // No type: as str shows it, or with a precision Python's variant of 'g': scientific
            // from one power of ten lower, a ".0" kept on whole numbers.
            default -> {
                int significant = Math.max(precision, 1);
                body = precision < 0 ? delta.language.runtime.Values.formatDouble(magnitude)
                        : withPointZero(general(exact, significant, significant - 1, false, false));
            }
        }
        int point = body.indexOf('.');
        int end = point >= 0 ? point : firstNonDigit(body);
        String signText = signOf(negative);
        String grouped = group(body.substring(0, end), body.substring(end), signText.length() + suffix.length());
        if (alternate && point < 0 && (t == 'f' || t == 'F' || t == '%' || t == 'e' || t == 'E')) {
            grouped = grouped.replaceFirst("^([0-9,_]+)", "$1.");
        }
        return pad(signText, grouped + suffix, true);
    }

    private static String withPointZero(String s) {
        return s.indexOf('.') >= 0 || s.indexOf('e') >= 0 ? s : s + ".0";
    }

    private static int firstNonDigit(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String fixed(BigDecimal exact, int decimals) {
        return exact.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** d.ddddde+XX with {@code decimals} digits after the point, Python's exponent (sign, at least two digits). */
    private static String scientific(BigDecimal exact, int decimals, boolean upper) {
        String digits;
        int exponent;
        if (exact.signum() == 0) {
            digits = "0".repeat(decimals + 1);
            exponent = 0;
        } else {
            BigDecimal r = exact.round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
            digits = r.unscaledValue().toString();
            exponent = digits.length() - 1 - r.scale();
            digits = (digits + "0".repeat(decimals + 1)).substring(0, decimals + 1);
        }
        String mantissa = decimals == 0 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
        return mantissa + (upper ? "E" : "e") + e;
    }

    /**
     * Python's 'g': {@code significant} digits, fixed for exponents from -4 up to below
     * {@code fixedBelow}, else scientific; trailing zeros dropped unless {@code keepZeros}.
     */
    private static String general(BigDecimal exact, int significant, int fixedBelow, boolean upper, boolean keepZeros) {
        int exponent;
        if (exact.signum() == 0) {
            exponent = 0;
        } else {
            BigDecimal r = exact.round(new MathContext(significant, RoundingMode.HALF_EVEN));
            exponent = r.precision() - 1 - r.scale();
        }
        String s;
        if (exponent >= -4 && exponent < fixedBelow) {
            s = fixed(exact, significant - 1 - exponent);
        } else {
            s = scientific(exact, significant - 1, upper);
        }
        if (!keepZeros) {
            int e = s.indexOf(upper ? 'E' : 'e');
            String mantissa = e >= 0 ? s.substring(0, e) : s;
            String rest = e >= 0 ? s.substring(e) : "";
            if (mantissa.indexOf('.') >= 0) {
                mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            s = mantissa + rest;
        }
        return s;
    }

    private String signOf(boolean negative) {
        if (negative) {
            return "-";
        }
        return sign == '+' ? "+" : sign == ' ' ? " " : "";
    }

    /**
     * Inserts the grouping character every three digits of {@code integerDigits}; {@code rest}
     * follows unchanged. Zero padding is grouped too, as in Python ({@code format(2, "012,")} is
     * 0,000,000,002): leading zeros are added until the width, less {@code reserved} characters
     * for sign and suffix, is reached.
     */
    private String group(String integerDigits, String rest, int reserved) {
        if (grouping == 0) {
            return integerDigits + rest;
        }
        String grouped = groupDigits(integerDigits) + rest;
        if (fill == '0' && align == '=') {
            String digits = integerDigits;
            while (grouped.length() + reserved < width) {
                digits = "0" + digits;
                grouped = groupDigits(digits) + rest;
            }
        }
        return grouped;
    }

    private String groupDigits(String integerDigits) {
        StringBuilder b = new StringBuilder();
        int n = integerDigits.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % 3 == 0) {
                b.append(grouping);
            }
            b.append(integerDigits.charAt(i));
        }
        return b.toString();
    }

    private String pad(String signText, String body, boolean numeric) {
        int length = signText.codePointCount(0, signText.length()) + body.codePointCount(0, body.length());
        int missing = width - length;
        if (missing <= 0) {
            return signText + body;
        }
        char a = align != 0 ? align : numeric ? '>' : '<';
        String f = String.valueOf(fill);
        return switch (a) {
            case '<' -> signText + body + f.repeat(missing);
            case '^' -> f.repeat(missing / 2) + signText + body + f.repeat(missing - missing / 2);
            case '=' -> signText + f.repeat(missing) + body;
            default -> f.repeat(missing) + signText + body;
        };
    }
}
