package io.gpjobs.map.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.map.InvalidWhereClauseException;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The where-clause subset: grammar, SQL null logic, LIKE, literals, and errors naming token and position. */
class WhereParserTest {

    static final List<GPField> FIELDS = List.of(GPField.of("NAME", FieldType.STRING),
            GPField.of("POP", FieldType.INTEGER), GPField.of("RATE", FieldType.DOUBLE),
            GPField.of("WHEN", FieldType.DATE));

    static Map<String, Object> row(String name, Long pop, Double rate, Long when) {
        Map<String, Object> m = new HashMap<>();
        m.put("NAME", name);
        m.put("POP", pop);
        m.put("RATE", rate);
        m.put("WHEN", when);
        return m;
    }

    static boolean matches(String where, Map<String, Object> row) {
        return WhereParser.parse(where, FIELDS).matches(row);
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        Map<String, Object> r = row("Oslo", 10L, 1.5, 0L);
        assertThat(matches("POP = 1 AND POP = 2 OR NAME = 'Oslo'", r)).isTrue();
        assertThat(matches("POP = 1 AND (POP = 2 OR NAME = 'Oslo')", r)).isFalse();
        assertThat(matches("NOT POP = 1 AND NAME = 'Oslo'", r)).isTrue();
        assertThat(matches("NOT (POP = 10 AND NAME = 'Oslo')", r)).isFalse();
        assertThat(matches("", r)).isTrue();
        assertThat(matches("1 = 1", r)).isTrue();
    }

    @Test
    void nullsFollowThreeValuedLogic() {
        Map<String, Object> r = row("Oslo", null, 1.5, 0L);
        assertThat(matches("POP = 5", r)).isFalse();
        assertThat(matches("NOT POP = 5", r)).isFalse();
        assertThat(matches("POP <> 5", r)).isFalse();
        assertThat(matches("POP IS NULL", r)).isTrue();
        assertThat(matches("POP IS NOT NULL", r)).isFalse();
        assertThat(matches("POP = 5 OR NAME = 'Oslo'", r)).isTrue();
        assertThat(matches("POP NOT IN (1, 2)", r)).isFalse();
        assertThat(matches("POP = NULL", r)).isFalse();
    }

    @Test
    void inLikeBetweenAndFunctions() {
        Map<String, Object> r = row("50%_off", 7L, -2.5, 0L);
        assertThat(matches("POP IN (1, 7, 9)", r)).isTrue();
        assertThat(matches("POP NOT IN (1, 9)", r)).isTrue();
        assertThat(matches("NAME LIKE '50%'", r)).isTrue();
        assertThat(matches("NAME LIKE '50!%!_off' ESCAPE '!'", r)).isTrue();
        assertThat(matches("NAME LIKE '5!%' ESCAPE '!'", r)).isFalse();
        assertThat(matches("NAME LIKE '.*'", r)).as("regex characters are literal").isFalse();
        assertThat(matches("NAME NOT LIKE 'x%'", r)).isTrue();
        assertThat(matches("RATE BETWEEN -3 AND -2", r)).isTrue();
        assertThat(matches("RATE NOT BETWEEN -3 AND -2", r)).isFalse();
        assertThat(matches("UPPER(NAME) = '50%_OFF' AND LOWER('ABC') = 'abc'", r)).isTrue();
        assertThat(matches("pop = 7 and name <> 'x'", r)).as("case-insensitive names and keywords").isTrue();
        assertThat(matches("RATE < 1e1 AND RATE > -.5e1", r)).isTrue();
    }

    @Test
    void arithmeticComputesValuesWithTheUsualPrecedence() {
        Map<String, Object> r = row("x", 10L, 2.5, 0L);
        assertThat(matches("POP + 2 * 3 = 16", r)).isTrue();
        assertThat(matches("(POP + 2) * 3 = 36", r)).isTrue();
        assertThat(matches("((POP + 2)) * 3 = 36 AND (POP > 5)", r)).isTrue();
        assertThat(matches("POP / 4 = 2.5 AND POP - 12 = -2 AND -POP = -10", r)).isTrue();
        assertThat(matches("POP * RATE BETWEEN 24 AND 26", r)).isTrue();
        assertThat(matches("POP / 0 > 1 OR POP / 0 <= 1", r)).as("division by zero is unknown").isFalse();
        assertThat(matches("POP + 1 IN (11, 12)", r)).isTrue();
        assertThat(matches("POP + 1 = 11", row("x", null, 1.0, 0L))).isFalse();
        assertThat(matches("(POP) = 10", r)).isTrue();
        assertThat(matches("NOT (POP - 1 = 9)", r)).isFalse();
    }

    @Test
    void datesCompareAsEpochMillis() {
        long mar1 = java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        Map<String, Object> r = row("a", 1L, 1.0, mar1 + 3_600_000);
        assertThat(matches("WHEN >= DATE '2026-03-01'", r)).isTrue();
        assertThat(matches("WHEN < TIMESTAMP '2026-03-01 01:00:01'", r)).isTrue();
        assertThat(matches("WHEN > TIMESTAMP '2026-03-01 01:00:00'", r)).isFalse();
    }

    @Test
    void quotesInStringsAreDoubled() {
        assertThat(matches("NAME = 'O''Brien'", row("O'Brien", 1L, 1.0, 0L))).isTrue();
        assertThat(matches("\"NAME\" = 'x'", row("x", 1L, 1.0, 0L))).as("quoted identifier").isTrue();
    }

    @Test
    void errorsNameTokenAndPosition() {
        assertError("POP = ", 6, "end of clause", "expected a field name or a value");
        assertError("POP = 1 AND", 11, "end of clause", "expected a field name or a value");
        assertError("POP = 1)", 7, ")", "unbalanced ')'");
        assertError("POP IS 3", 7, "3", "expected NULL");
        assertError("POP IN 1", 7, "1", "expected '(' after IN");
        assertError("POP = 1 POP = 2", 8, "POP", "expected AND, OR or the end");
        assertError("NAME LIKE NAME", 10, "NAME", "expected a string pattern");
        assertError("POP LIKE '1%'", 4, "LIKE", "LIKE needs a string value");
        assertError("RATE > 'x'", 7, "'x'", "cannot compare field 'RATE'");
        assertError("WHEN > DATE '2026-13-01'", 12, "'2026-13-01'", "expected a date");
        assertError("POP = 1 # 2", 8, "#", "unexpected character");
        assertError("POP = 12abc", 6, "12a", "malformed number");
        assertError("System.exit(0) = 1", 6, ".", "unexpected character");
        assertError("NAME = \"x", 7, "\"x", "unterminated quoted identifier");
        assertError("x".repeat(5) + " = 1", 0, "xxxxx", "unknown field 'xxxxx' (fields: NAME, POP, RATE, WHEN)");
        assertError("NAME + 1 = 2", 0, "NAME", "'+' needs numbers, not field 'NAME'");
        assertError("POP * 'a' = 2", 6, "'a'", "'*' needs numbers");
        assertError("(POP + 1 > 2", 12, "end of clause", "expected ')'");
        assertError("POP + = 1", 6, "=", "expected a field name or a value");
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        String deep = "(".repeat(200) + "POP = 1" + ")".repeat(200);
        assertThatThrownBy(() -> WhereParser.parse(deep, FIELDS)).isInstanceOf(InvalidWhereClauseException.class)
                .hasMessageContaining("nesting deeper than");
        String nots = "NOT ".repeat(500) + "POP = 1";
        assertThatThrownBy(() -> WhereParser.parse(nots, FIELDS)).isInstanceOf(InvalidWhereClauseException.class);
        assertThatThrownBy(() -> WhereParser.parse("POP = 1 OR " .repeat(2000) + "POP = 2", FIELDS))
                .isInstanceOf(InvalidWhereClauseException.class).hasMessageContaining("longer than");
    }

    static void assertError(String where, int position, String token, String problem) {
        assertThatThrownBy(() -> WhereParser.parse(where, FIELDS))
                .isInstanceOfSatisfying(InvalidWhereClauseException.class, e -> {
                    assertThat(e.position()).as("position in %s", where).isEqualTo(position);
                    assertThat(e.token()).as("token in %s", where).isEqualTo(token);
                    assertThat(e.details().get(0)).contains(problem);
                });
    }
}
