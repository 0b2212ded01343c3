package io.gpjobs.map.internal;

import io.gpjobs.map.InvalidWhereClauseException;
import io.gpjobs.map.internal.WhereExpr.Operand;
import io.gpjobs.map.internal.WhereLexer.Kind;
import io.gpjobs.map.internal.WhereLexer.Token;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPField;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser of the where-clause subset: comparisons ({@code = <> != < <= > >=}) of values that
 * may be computed with {@code + - * /} and parentheses, {@code AND},
 * {@code OR}, {@code NOT}, parentheses, {@code [NOT] IN (…)}, {@code [NOT] LIKE '…' [ESCAPE 'c']},
 * {@code [NOT] BETWEEN … AND …}, {@code IS [NOT] NULL}, {@code UPPER(…)}, {@code LOWER(…)}, numbers, strings,
 * {@code TRUE}/{@code FALSE}/{@code NULL}, {@code DATE 'yyyy-mm-dd'} and {@code TIMESTAMP 'yyyy-mm-dd hh:mm:ss'}
 * (UTC, compared with date fields as epoch milliseconds). Field names are matched without regard to case and
 * checked against the layer's fields, and the kinds of compared values are checked, before any row is read.
 * One instance parses one clause; not thread-safe.
 */
public final class WhereParser {

    /** Longest accepted clause, in characters. */
    static final int MAX_LENGTH = 10_000;
    private static final int MAX_DEPTH = 64;

    private enum ValueKind { NUMBER, STRING, BOOLEAN, NULL, ANY }

    private record Typed(Operand operand, ValueKind kind, Token at) {
    }

    private final String where;
    private final List<Token> tokens;
    private final Map<String, GPField> fields = new LinkedHashMap<>();
    private int pos;
    private int depth;

    private WhereParser(String where, List<GPField> fields) {
        this.where = where;
        this.tokens = WhereLexer.tokens(where);
        fields.forEach(f -> this.fields.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f));
    }

    /**
     * Parses a clause against a layer's fields; a null or blank clause matches every row.
     *
     * @throws InvalidWhereClauseException naming the offending token and its position
     */
    public static WhereExpr parse(String where, List<GPField> fields) {
        if (where == null || where.isBlank()) {
            return new WhereExpr.All();
        }
        if (where.length() > MAX_LENGTH) {
            throw new InvalidWhereClauseException(where.substring(0, 40) + "…", MAX_LENGTH, "…",
                    "clause longer than " + MAX_LENGTH + " characters");
        }
        WhereParser p = new WhereParser(where, fields);
        WhereExpr e = p.or();
        p.expectEnd();
        return e;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean acceptKeyword(String kw) {
        if (peek().isKeyword(kw)) {
            pos++;
            return true;
        }
        return false;
    }

    private InvalidWhereClauseException error(Token t, String problem) {
        return new InvalidWhereClauseException(where, t.position(), t.raw(), problem);
    }

    private void expect(Kind kind, String what) {
        if (peek().kind() != kind) {
            throw error(peek(), "expected " + what);
        }
        pos++;
    }

    private void expectEnd() {
        if (peek().kind() != Kind.END) {
            throw error(peek(), peek().kind() == Kind.RPAREN ? "unbalanced ')'" : "expected AND, OR or the end");
        }
    }

    private WhereExpr or() {
        List<WhereExpr> terms = new ArrayList<>();
        terms.add(and());
        while (acceptKeyword("OR")) {
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new WhereExpr.Or(List.copyOf(terms));
    }

    private WhereExpr and() {
        List<WhereExpr> terms = new ArrayList<>();
        terms.add(not());
        while (acceptKeyword("AND")) {
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : new WhereExpr.And(List.copyOf(terms));
    }

    private WhereExpr not() {
        if (acceptKeyword("NOT")) {
            return new WhereExpr.Not(nested(this::not));
        }
        return predicate();
    }

    /** Parses one nesting level (a NOT, parentheses) with {@code inner}, refusing nesting past {@link #MAX_DEPTH}. */
    private <T> T nested(java.util.function.Supplier<T> inner) {
        if (++depth > MAX_DEPTH) {
            throw error(peek(), "nesting deeper than " + MAX_DEPTH);
        }
        try {
            return inner.get();
        } finally {
            depth--;
        }
    }

    private WhereExpr predicate() {
        if (peek().kind() == Kind.LPAREN) {
            // A parenthesised condition, or a parenthesised value such as (POP + 1) * 2 > 3: try the condition first.
            int start = pos;
            InvalidWhereClauseException asCondition;
            try {
                pos++;
                WhereExpr e = nested(this::or);
                expect(Kind.RPAREN, "')'");
                if (!continuesValue(peek())) {
                    return e;
                }
                asCondition = error(peek(), "expected AND, OR or the end");
            } catch (InvalidWhereClauseException ex) {
                asCondition = ex;
            }
            pos = start;
            try {
                return comparison();
            } catch (InvalidWhereClauseException asValue) {
                // report the reading that got further
                throw asValue.position() > asCondition.position() ? asValue : asCondition;
            }
        }
        return comparison();
    }

    /** Whether a token after a closing parenthesis shows it closed a value rather than a condition. */
    private static boolean continuesValue(Token t) {
        return t.kind() == Kind.OP || t.kind() == Kind.ARITH || t.kind() == Kind.MINUS || t.isKeyword("IN")
                || t.isKeyword("LIKE") || t.isKeyword("BETWEEN") || t.isKeyword("IS")
                || (t.isKeyword("NOT"));
    }

    private WhereExpr comparison() {
        Typed left = operand();
        Token t = peek();
        if (t.kind() == Kind.OP) {
            pos++;
            Typed right = operand();
            checkKinds(left, right, right.at());
            return new WhereExpr.Compare(t.text(), left.operand(), right.operand());
        }
        if (acceptKeyword("IS")) {
            boolean negated = acceptKeyword("NOT");
            if (!acceptKeyword("NULL")) {
                throw error(peek(), "expected NULL after IS" + (negated ? " NOT" : ""));
            }
            return new WhereExpr.IsNull(left.operand(), negated);
        }
        boolean negated = acceptKeyword("NOT");
        if (acceptKeyword("IN")) {
            expect(Kind.LPAREN, "'(' after IN");
            List<Operand> values = new ArrayList<>();
            while (true) {
                Typed v = operand();
                checkKinds(left, v, v.at());
                values.add(v.operand());
                if (peek().kind() != Kind.COMMA) {
                    break;
                }
                pos++;
            }
            expect(Kind.RPAREN, "',' or ')' in the IN list");
            return new WhereExpr.In(left.operand(), List.copyOf(values), negated);
        }
        if (acceptKeyword("BETWEEN")) {
            Typed low = operand();
            checkKinds(left, low, low.at());
            if (!acceptKeyword("AND")) {
                throw error(peek(), "expected AND in BETWEEN");
            }
            Typed high = operand();
            checkKinds(left, high, high.at());
            return new WhereExpr.Between(left.operand(), low.operand(), high.operand(), negated);
        }
        if (peek().isKeyword("LIKE")) {
            Token like = next();
            if (left.kind() != ValueKind.STRING && left.kind() != ValueKind.ANY) {
                throw error(like, "LIKE needs a string value on its left");
            }
            Token pattern = next();
            if (pattern.kind() != Kind.STRING) {
                throw error(pattern, "expected a string pattern after LIKE");
            }
            Character escape = null;
            if (acceptKeyword("ESCAPE")) {
                Token e = next();
                if (e.kind() != Kind.STRING || e.text().length() != 1) {
                    throw error(e, "expected a one-character string after ESCAPE");
                }
                escape = e.text().charAt(0);
            }
            return new WhereExpr.Like(left.operand(), likePattern(pattern.text(), escape), negated);
        }
        throw error(t, negated ? "expected IN, LIKE or BETWEEN after NOT"
                : "expected a comparison operator, IN, LIKE, BETWEEN or IS");
    }

    private Typed operand() {
        if (++depth > MAX_DEPTH) {
            throw error(peek(), "nesting deeper than " + MAX_DEPTH);
        }
        try {
            return additive();
        } finally {
            depth--;
        }
    }

    private Typed additive() {
        Typed left = multiplicative();
        while (peek().kind() == Kind.MINUS || (peek().kind() == Kind.ARITH && peek().text().equals("+"))) {
            Token op = next();
            left = arithmetic(op, left, multiplicative());
        }
        return left;
    }

    private Typed multiplicative() {
        Typed left = unary();
        while (peek().kind() == Kind.ARITH && !peek().text().equals("+")) {
            Token op = next();
            left = arithmetic(op, left, unary());
        }
        return left;
    }

    private Typed unary() {
        if (peek().kind() == Kind.MINUS) {
            Token minus = next();
            if (peek().kind() == Kind.NUMBER) {
                return number(next(), true);
            }
            Typed v = nested(this::unary);
            numeric(v, minus);
            return new Typed(new WhereExpr.Negate(v.operand()), ValueKind.NUMBER, minus);
        }
        if (peek().kind() == Kind.LPAREN) {
            pos++;
            Typed v = nested(this::additive);
            expect(Kind.RPAREN, "')'");
            return v;
        }
        return primary();
    }

    private Typed arithmetic(Token op, Typed a, Typed b) {
        numeric(a, op);
        numeric(b, op);
        return new Typed(new WhereExpr.Arithmetic(op.text().charAt(0), a.operand(), b.operand()), ValueKind.NUMBER,
                a.at());
    }

    private void numeric(Typed v, Token op) {
        if (v.kind() != ValueKind.NUMBER && v.kind() != ValueKind.ANY && v.kind() != ValueKind.NULL) {
            throw error(v.at(), "'" + op.raw() + "' needs numbers, not " + describe(v));
        }
    }

    private Typed primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                return number(t, false);
            }
            case STRING -> {
                return new Typed(new WhereExpr.Literal(t.text()), ValueKind.STRING, t);
            }
            case IDENT -> {
                return identifier(t);
            }
            default -> throw error(t, "expected a field name or a value");
        }
    }

    private Typed identifier(Token t) {
        if (!t.raw().startsWith("\"")) {
            String up = t.text().toUpperCase(Locale.ROOT);
            switch (up) {
                case "NULL" -> {
                    return new Typed(new WhereExpr.Literal(null), ValueKind.NULL, t);
                }
                case "TRUE", "FALSE" -> {
                    return new Typed(new WhereExpr.Literal(up.equals("TRUE")), ValueKind.BOOLEAN, t);
                }
                case "DATE", "TIMESTAMP" -> {
                    if (peek().kind() == Kind.STRING) {
                        return date(next(), up.equals("DATE"));
                    }
                }
                case "UPPER", "LOWER" -> {
                    if (peek().kind() == Kind.LPAREN) {
                        pos++;
                        Typed arg = operand();
                        if (arg.kind() != ValueKind.STRING && arg.kind() != ValueKind.ANY) {
                            throw error(arg.at(), up + " needs a string value");
                        }
                        expect(Kind.RPAREN, "')' after the argument of " + up);
                        return new Typed(new WhereExpr.Case(up.equals("UPPER"), arg.operand()), arg.kind(), t);
                    }
                }
                case "AND", "OR", "NOT", "IN", "LIKE", "IS", "BETWEEN", "ESCAPE" ->
                        throw error(t, "expected a field name or a value");
                default -> {
                }
            }
        }
        GPField f = fields.get(t.text().toLowerCase(Locale.ROOT));
        if (f == null) {
            throw error(t, "unknown field '" + t.text() + "' (fields: "
                    + String.join(", ", fields.values().stream().map(GPField::name).toList()) + ")");
        }
        return new Typed(new WhereExpr.Field(f.name()), kindOf(f.type()), t);
    }

    private Typed number(Token t, boolean negative) {
        String s = (negative ? "-" : "") + t.text();
        try {
            if (s.matches("-?\\d+")) {
                return new Typed(new WhereExpr.Literal(Long.parseLong(s)), ValueKind.NUMBER, t);
            }
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) {
                throw error(t, "number out of range");
            }
            return new Typed(new WhereExpr.Literal(d), ValueKind.NUMBER, t);
        } catch (NumberFormatException e) {
            throw error(t, "number out of range");
        }
    }

    private Typed date(Token t, boolean dateOnly) {
        String s = t.text().trim();
        try {
            long ms;
            if (dateOnly || s.length() == 10) {
                ms = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } else {
                ms = LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return new Typed(new WhereExpr.Literal(ms), ValueKind.NUMBER, t);
        } catch (DateTimeParseException e) {
            throw error(t, dateOnly ? "expected a date 'yyyy-mm-dd'" : "expected a timestamp 'yyyy-mm-dd hh:mm:ss'");
        }
    }

    private static ValueKind kindOf(FieldType type) {
        return switch (type) {
            case SMALL_INTEGER, INTEGER, BIG_INTEGER, SINGLE, DOUBLE, OID, DATE -> ValueKind.NUMBER;
            case STRING, GUID, GLOBAL_ID, XML, DATE_ONLY, TIME_ONLY, TIMESTAMP_OFFSET -> ValueKind.STRING;
            default -> ValueKind.ANY;
        };
    }

    private void checkKinds(Typed a, Typed b, Token at) {
        if (a.kind() == b.kind() || a.kind() == ValueKind.ANY || b.kind() == ValueKind.ANY
                || a.kind() == ValueKind.NULL || b.kind() == ValueKind.NULL) {
            return;
        }
        throw error(at, "cannot compare " + describe(a) + " with " + describe(b));
    }

    private static String describe(Typed t) {
        String kind = t.kind().name().toLowerCase(Locale.ROOT);
        if (t.operand() instanceof WhereExpr.Field f) {
            return "field '" + f.name() + "' (" + kind + ")";
        }
        return "the " + kind + " " + t.at().raw();
    }

    /** Turns a LIKE pattern into an anchored regular expression that treats everything else literally. */
    static Pattern likePattern(String like, Character escape) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (escape != null && c == escape && i + 1 < like.length()) {
                lit.append(like.charAt(++i));
            } else if (c == '%' || c == '_') {
                if (lit.length() > 0) {
                    re.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                re.append(c == '%' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            re.append(Pattern.quote(lit.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
