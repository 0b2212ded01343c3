package io.gpjobs.map.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The syntax tree of a parsed where clause and its evaluation against one row's attributes, with SQL's
 * three-valued logic: a comparison involving null is unknown ({@code null}), and a row matches only when the whole
 * clause is true. Immutable and thread-safe.
 */
sealed interface WhereExpr {

    /** TRUE, FALSE or null (unknown) for a row. */
    Boolean test(Map<String, Object> row);

    /** Whether the row matches (the clause is true, not false or unknown). */
    default boolean matches(Map<String, Object> row) {
        return Boolean.TRUE.equals(test(row));
    }

    /** A value: a field, a literal or a function of a value. */
    sealed interface Operand {
        Object value(Map<String, Object> row);
    }

    /** A field's value, looked up by its exact (schema) name. */
    record Field(String name) implements Operand {
        @Override
        public Object value(Map<String, Object> row) {
            return row.get(name);
        }
    }

    /** A literal: Long, Double, String, Boolean, or null. */
    record Literal(Object value) implements Operand {
        @Override
        public Object value(Map<String, Object> row) {
            return value;
        }
    }

    /** a + b, a - b, a * b or a / b of numbers (division always in floating point; by zero gives null). */
    record Arithmetic(char op, Operand left, Operand right) implements Operand {
        @Override
        public Object value(Map<String, Object> row) {
            if (!(left.value(row) instanceof Number a) || !(right.value(row) instanceof Number b)) {
                return null;
            }
            if (op != '/' && a instanceof Long x && b instanceof Long y) {
                try {
                    return switch (op) {
                        case '+' -> Math.addExact(x, y);
                        case '-' -> Math.subtractExact(x, y);
                        default -> Math.multiplyExact(x, y);
                    };
                } catch (ArithmeticException overflow) {
                    // fall through to floating point
                }
            }
            double x = a.doubleValue();
            double y = b.doubleValue();
            double r = switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                default -> y == 0 ? Double.NaN : x / y;
            };
            return Double.isFinite(r) ? r : null;
        }
    }

    /** -a of a number. */
    record Negate(Operand arg) implements Operand {
        @Override
        public Object value(Map<String, Object> row) {
            Object v = arg.value(row);
            if (v instanceof Long x && x != Long.MIN_VALUE) {
                return -x;
            }
            return v instanceof Number n ? -n.doubleValue() : null;
        }
    }

    /** UPPER or LOWER of a string value. */
    record Case(boolean upper, Operand arg) implements Operand {
        @Override
        public Object value(Map<String, Object> row) {
            Object v = arg.value(row);
            if (v instanceof String s) {
                return upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
            }
            return v;
        }
    }

    /** The constant condition of an empty clause: every row. */
    record All() implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            return Boolean.TRUE;
        }
    }

    /** a OR b OR … */
    record Or(List<WhereExpr> terms) implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            boolean unknown = false;
            for (WhereExpr t : terms) {
                Boolean b = t.test(row);
                if (Boolean.TRUE.equals(b)) {
                    return true;
                }
                unknown |= b == null;
            }
            return unknown ? null : Boolean.FALSE;
        }
    }

    /** a AND b AND … */
    record And(List<WhereExpr> terms) implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            boolean unknown = false;
            for (WhereExpr t : terms) {
                Boolean b = t.test(row);
                if (Boolean.FALSE.equals(b)) {
                    return false;
                }
                unknown |= b == null;
            }
            return unknown ? null : Boolean.TRUE;
        }
    }

    /** NOT a */
    record Not(WhereExpr term) implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            Boolean b = term.test(row);
            return b == null ? null : !b;
        }
    }

    /** a op b with op one of = &lt;&gt; &lt; &lt;= &gt; &gt;= */
    record Compare(String op, Operand left, Operand right) implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            Integer c = compare(left.value(row), right.value(row));
            if (c == null) {
                return null;
            }
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }
    }

    /** a [NOT] IN (v, …) */
    record In(Operand left, List<Operand> values, boolean negated) implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            Object v = left.value(row);
            if (v == null) {
                return null;
            }
            boolean unknown = false;
            for (Operand o : values) {
                Integer c = compare(v, o.value(row));
                if (c != null && c == 0) {
                    return !negated;
                }
                unknown |= c == null;
            }
            return unknown ? null : negated;
        }
    }

    /** a [NOT] BETWEEN lo AND hi */
    record Between(Operand left, Operand low, Operand high, boolean negated) implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            Object v = left.value(row);
            Integer a = compare(v, low.value(row));
            Integer b = compare(v, high.value(row));
            if (a == null || b == null) {
                return null;
            }
            return (a >= 0 && b <= 0) != negated;
        }
    }

    /** a [NOT] LIKE 'pattern' (% any run, _ one character), case-sensitive. */
    record Like(Operand left, Pattern pattern, boolean negated) implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            Object v = left.value(row);
            if (!(v instanceof String s)) {
                return null;
            }
            return pattern.matcher(s).matches() != negated;
        }
    }

    /** a IS [NOT] NULL */
    record IsNull(Operand left, boolean negated) implements WhereExpr {
        @Override
        public Boolean test(Map<String, Object> row) {
            return (left.value(row) == null) != negated;
        }
    }

    /**
     * Compares two values: numbers numerically, strings by code point, booleans with booleans; null (unknown) when
     * either is null or their kinds differ.
     */
    static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return null;
    }
}
