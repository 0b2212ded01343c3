package io.gpjobs.map.internal;

import io.gpjobs.map.InvalidWhereClauseException;
import java.util.ArrayList;
import java.util.List;

/** Splits a where clause into tokens. Hand-written; nothing is ever evaluated as code. Stateless. */
final class WhereLexer {

    /** Token kinds. */
    enum Kind { IDENT, NUMBER, STRING, OP, LPAREN, RPAREN, COMMA, MINUS, ARITH, END }

    /**
     * One token.
     *
     * @param kind     the kind
     * @param text     the text (for a string, its value without quotes; for a quoted identifier, the name)
     * @param position the 0-based offset in the clause
     * @param raw      the token as written
     */
    record Token(Kind kind, String text, int position, String raw) {
        boolean isKeyword(String keyword) {
            return kind == Kind.IDENT && !raw.startsWith("\"") && text.equalsIgnoreCase(keyword);
        }
    }

    private WhereLexer() {
    }

    static List<Token> tokens(String where) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = where.length();
        while (i < n) {
            char c = where.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(where.charAt(i)) || where.charAt(i) == '_')) {
                    i++;
                }
                String t = where.substring(s, i);
                out.add(new Token(Kind.IDENT, t, s, t));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(where.charAt(i + 1)))) {
                int s = i;
                while (i < n && Character.isDigit(where.charAt(i))) {
                    i++;
                }
                if (i < n && where.charAt(i) == '.') {
                    i++;
                    while (i < n && Character.isDigit(where.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (where.charAt(i) == 'e' || where.charAt(i) == 'E')) {
                    int e = i + 1;
                    if (e < n && (where.charAt(e) == '+' || where.charAt(e) == '-')) {
                        e++;
                    }
                    if (e < n && Character.isDigit(where.charAt(e))) {
                        i = e;
                        while (i < n && Character.isDigit(where.charAt(i))) {
                            i++;
                        }
                    }
                }
                if (i < n && (Character.isLetter(where.charAt(i)) || where.charAt(i) == '_')) {
                    throw new InvalidWhereClauseException(where, s, where.substring(s, Math.min(n, i + 1)),
                            "malformed number");
                }
                String t = where.substring(s, i);
                out.add(new Token(Kind.NUMBER, t, s, t));
            } else if (c == '\'' || c == '"') {
                int s = i;
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = where.charAt(i);
                    if (d == c) {
                        if (i + 1 < n && where.charAt(i + 1) == c) {
                            sb.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                if (!closed) {
                    throw new InvalidWhereClauseException(where, s, where.substring(s),
                            c == '\'' ? "unterminated string" : "unterminated quoted identifier");
                }
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.IDENT, sb.toString(), s, where.substring(s, i)));
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(new Token(c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA, String.valueOf(c), i,
                        String.valueOf(c)));
                i++;
            } else if (c == '+' || c == '*' || c == '/') {
                out.add(new Token(Kind.ARITH, String.valueOf(c), i, String.valueOf(c)));
                i++;
            } else if (c == '-') {
                out.add(new Token(Kind.MINUS, "-", i, "-"));
                i++;
            } else if (c == '=' || c == '<' || c == '>' || c == '!') {
                String two = i + 1 < n ? where.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
                    out.add(new Token(Kind.OP, two.equals("!=") ? "<>" : two, i, two));
                    i += 2;
                } else if (c == '!') {
                    throw new InvalidWhereClauseException(where, i, "!", "unexpected character");
                } else {
                    out.add(new Token(Kind.OP, String.valueOf(c), i, String.valueOf(c)));
                    i++;
                }
            } else {
                throw new InvalidWhereClauseException(where, i, String.valueOf(c), "unexpected character");
            }
        }
        out.add(new Token(Kind.END, "", n, "end of clause"));
        return out;
    }
}
