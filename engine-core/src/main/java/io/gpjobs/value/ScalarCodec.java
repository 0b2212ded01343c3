package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Reads and writes the scalar GP types: string, long, double, boolean and date. */
final class ScalarCodec {
    private ScalarCodec() {
    }

    static GPString readString(JsonNode n) {
        // strict, so that a composite's GPString member does not swallow numbers and flags meant for others
        if (!n.isTextual()) {
            throw Json.bad("GPString", "expected a JSON string", n);
        }
        return new GPString(n.asText());
    }

    static GPLong readLong(JsonNode n) {
        if (n.isTextual()) {
            return longLiteral(n.asText());
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return checkedLong(n.longValue(), n);
        }
        // 3.0 is an integer written by a client that only knows doubles
        if (n.isFloatingPointNumber() && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= GPLong.MAX_ABS) {
            return new GPLong((long) n.doubleValue());
        }
        throw Json.bad("GPLong", "expected an integer", n);
    }

    static GPLong longLiteral(String s) {
        try {
            return checkedLong(Long.parseLong(s.strip()), s);
        } catch (NumberFormatException e) {
            throw Json.bad("GPLong", "expected an integer", s);
        }
    }

    private static GPLong checkedLong(long v, Object shown) {
        if (v > GPLong.MAX_ABS || v < -GPLong.MAX_ABS) {
            throw Json.bad("GPLong", "integer out of range ±" + GPLong.MAX_ABS, shown);
        }
        return new GPLong(v);
    }

    static GPDouble readDouble(JsonNode n) {
        if (n.isTextual()) {
            return doubleLiteral(n.asText());
        }
        if (!n.isNumber()) {
            throw Json.bad("GPDouble", "expected a number", n);
        }
        return finite(n.doubleValue(), n);
    }

    static GPDouble doubleLiteral(String s) {
        String t = s.strip();
        // Double.parseDouble accepts "NaN", "Infinity" and hex floats; only plain decimals are valid here
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw Json.bad("GPDouble", "expected a number", s);
        }
        return finite(Double.parseDouble(t), s);
    }

    /** A plain decimal number within a larger literal of {@code type}; the message shows the whole literal. */
    static double doubleLiteralFor(String type, String number, String whole) {
        String t = number.strip();
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?") || !Double.isFinite(Double.parseDouble(t))) {
            throw Json.bad(type, "expected a number and a unit such as '3 Meters'", whole);
        }
        return Double.parseDouble(t);
    }

    private static GPDouble finite(double d, Object shown) {
        if (!Double.isFinite(d)) {
            throw Json.bad("GPDouble", "expected a finite number", shown);
        }
        return new GPDouble(d);
    }

    static GPBoolean readBoolean(JsonNode n) {
        if (n.isBoolean()) {
            return GPBoolean.of(n.booleanValue());
        }
        if (n.isTextual()) {
            return booleanLiteral(n.asText());
        }
        throw Json.bad("GPBoolean", "expected true or false", n);
    }

    static GPBoolean booleanLiteral(String s) {
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true": return GPBoolean.TRUE;
            case "false": return GPBoolean.FALSE;
            default: throw Json.bad("GPBoolean", "expected true or false", s);
        }
    }

    static GPDate readDate(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return new GPDate(n.longValue());
        }
        if (n.isTextual()) {
            return dateLiteral(n.asText());
        }
        if (n.isObject()) {
            String date = Json.requireText("GPDate", n, "date");
            String format = Json.optText("GPDate", n, "format");
            return format == null ? dateLiteral(date) : formatted(date, format);
        }
        throw Json.bad("GPDate", "expected epoch milliseconds, an ISO date-time or {\"date\":…,\"format\":…}", n);
    }

    /** Epoch ms, ISO {@code yyyy-MM-ddTHH:mm:ss[.sss]} (UTC unless an offset is given), or JSON object text. */
    static GPDate dateLiteral(String s) {
        String t = s.strip();
        if (t.matches("-?\\d+")) {
            try {
                return new GPDate(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw Json.bad("GPDate", "epoch milliseconds out of range", s);
            }
        }
        if (t.startsWith("{")) {
            return readDate(Json.parse("GPDate", t));
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(t,
                    OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return GPDate.of(odt.toInstant());
            }
            return GPDate.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            try {
                return GPDate.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                throw Json.bad("GPDate", "expected epoch milliseconds or an ISO date-time yyyy-MM-ddTHH:mm:ss", s);
            }
        }
    }

    private static GPDate formatted(String date, String format) {
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(format, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw Json.bad("GPDate", "invalid date format pattern", format);
        }
        try {
            TemporalAccessor parsed = f.parseBest(date, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime odt) {
                return GPDate.of(odt.toInstant());
            }
            if (parsed instanceof LocalDateTime ldt) {
                return GPDate.of(ldt.toInstant(ZoneOffset.UTC));
            }
            return GPDate.of(((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            throw Json.bad("GPDate", "date does not match format '" + format + "'", date);
        }
    }
}
