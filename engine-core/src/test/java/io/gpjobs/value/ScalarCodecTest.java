package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScalarCodecTest {

    private static void roundTrip(GPDataType type, String canonical, GPValue expected) {
        GPValue read = GPValueCodec.fromJson(type, canonical);
        assertThat(read).isEqualTo(expected);
        assertThat(read.dataType()).isEqualTo(type);
        assertThat(GPValueCodec.toJson(read)).isEqualTo(canonical);
        assertThat(GPValueCodec.read(type, GPValueCodec.write(read))).isEqualTo(read);
    }

    @Test
    void scalarsRoundTrip() {
        roundTrip(GPDataType.STRING, "\"TestString\"", new GPString("TestString"));
        roundTrip(GPDataType.STRING, "\"\"", new GPString(""));
        roundTrip(GPDataType.LONG, "345", new GPLong(345));
        roundTrip(GPDataType.LONG, "-4503599627370495", new GPLong(-4503599627370495L));
        roundTrip(GPDataType.DOUBLE, "1234.56", new GPDouble(1234.56));
        roundTrip(GPDataType.DOUBLE, "10", new GPDouble(10.0));
        roundTrip(GPDataType.BOOLEAN, "true", GPBoolean.TRUE);
        roundTrip(GPDataType.BOOLEAN, "false", GPBoolean.FALSE);
        roundTrip(GPDataType.DATE, "1199145600000", new GPDate(1199145600000L));
    }

    @Test
    void formLiterals() {
        assertThat(GPValueCodec.readLiteral(GPDataType.STRING, "My String, raw")).isEqualTo(new GPString("My String, raw"));
        assertThat(GPValueCodec.readLiteral(GPDataType.STRING, "\"quoted\"")).isEqualTo(new GPString("\"quoted\""));
        assertThat(GPValueCodec.readLiteral(GPDataType.LONG, "345")).isEqualTo(new GPLong(345));
        assertThat(GPValueCodec.readLiteral(GPDataType.LONG, " -7 ")).isEqualTo(new GPLong(-7));
        assertThat(GPValueCodec.readLiteral(GPDataType.DOUBLE, "345.678")).isEqualTo(new GPDouble(345.678));
        assertThat(GPValueCodec.readLiteral(GPDataType.DOUBLE, "1e3")).isEqualTo(new GPDouble(1000));
        assertThat(GPValueCodec.readLiteral(GPDataType.BOOLEAN, "TRUE")).isEqualTo(GPBoolean.TRUE);
        assertThat(GPValueCodec.readLiteral(GPDataType.BOOLEAN, "false")).isEqualTo(GPBoolean.FALSE);
        assertThat(GPValueCodec.readLiteral(GPDataType.DATE, "1199145600000")).isEqualTo(new GPDate(1199145600000L));
    }

    @Test
    void datesAcceptIsoAndFormattedObjects() {
        long jan1 = Instant.parse("2008-01-01T00:00:00Z").toEpochMilli();
        assertThat(jan1).isEqualTo(1199145600000L);
        assertThat(GPValueCodec.readLiteral(GPDataType.DATE, "2008-01-01T00:00:00")).isEqualTo(new GPDate(jan1));
        assertThat(GPValueCodec.readLiteral(GPDataType.DATE, "2008-01-01T00:00:00.250"))
                .isEqualTo(new GPDate(jan1 + 250));
        assertThat(GPValueCodec.readLiteral(GPDataType.DATE, "2008-01-01T01:00:00+01:00")).isEqualTo(new GPDate(jan1));
        assertThat(GPValueCodec.fromJson(GPDataType.DATE, "\"2008-01-01T00:00:00\"")).isEqualTo(new GPDate(jan1));
        assertThat(GPValueCodec.fromJson(GPDataType.DATE, "{\"date\":\"01/01/2008\",\"format\":\"MM/dd/yyyy\"}"))
                .isEqualTo(new GPDate(jan1));
        assertThat(GPValueCodec.readLiteral(GPDataType.DATE, "{\"date\":\"2008-01-01 00:00\",\"format\":\"yyyy-MM-dd HH:mm\"}"))
                .isEqualTo(new GPDate(jan1));
        // whatever form came in, the wire form out is epoch ms
        assertThat(GPValueCodec.toJson(GPValueCodec.readLiteral(GPDataType.DATE, "2008-01-01T00:00:00")))
                .isEqualTo("1199145600000");
        assertThat(GPDate.of(Instant.ofEpochMilli(jan1)).instant()).isEqualTo(Instant.ofEpochMilli(jan1));
    }

    @Test
    void badScalarsNameTypeProblemAndValue() {
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.STRING, "{\"a\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("GPString: expected a JSON string, got {\"a\":1}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.STRING, "[\"a\"]"))
                .hasMessage("GPString: expected a JSON string, got [\"a\"]");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.STRING, "12"))
                .hasMessage("GPString: expected a JSON string, got 12");
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.LONG, "12.5"))
                .hasMessage("GPLong: expected an integer, got '12.5'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.LONG, "true"))
                .hasMessage("GPLong: expected an integer, got true");
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.LONG, "4503599627370496"))
                .hasMessage("GPLong: integer out of range ±4503599627370495, got '4503599627370496'");
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.DOUBLE, "NaN"))
                .hasMessage("GPDouble: expected a number, got 'NaN'");
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.DOUBLE, "abc"))
                .hasMessage("GPDouble: expected a number, got 'abc'");
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.BOOLEAN, "yes"))
                .hasMessage("GPBoolean: expected true or false, got 'yes'");
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.DATE, "yesterday"))
                .hasMessageContaining("GPDate: expected epoch milliseconds or an ISO date-time").hasMessageEndingWith("got 'yesterday'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.DATE, "{\"date\":\"2008\",\"format\":\"MM/dd\"}"))
                .hasMessage("GPDate: date does not match format 'MM/dd', got '2008'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.LONG, "{not json"))
                .hasMessage("GPLong: not valid JSON: '{not json'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.LONG, "null"))
                .hasMessage("GPLong: expected a value, got null");
    }

    @Test
    void longValuesAreCutShortInMessages() {
        String longText = "x".repeat(5000);
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.LONG, longText))
                .hasMessageContaining("(5000 chars)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
    }

    @Test
    void recordsCheckTheirValues() {
        assertThatThrownBy(() -> new GPLong(GPLong.MAX_ABS + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4503599627370496");
        assertThatThrownBy(() -> new GPDouble(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GPString(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void multiValuesRoundTripAndNameTheBadElement() {
        GPDataType strings = GPDataType.multiValue(GPDataType.STRING);
        roundTrip(strings, "[\"California\",\"Texas\"]",
                GPMultiValue.of(GPDataType.STRING, new GPString("California"), new GPString("Texas")));
        roundTrip(GPDataType.multiValue(GPDataType.LONG), "[]", GPMultiValue.of(GPDataType.LONG));
        assertThat(GPValueCodec.readLiteral(GPDataType.multiValue(GPDataType.LONG), "[1,2]"))
                .isEqualTo(GPMultiValue.of(GPDataType.LONG, new GPLong(1), new GPLong(2)));
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.multiValue(GPDataType.LONG), "[1,\"a\"]"))
                .hasMessage("GPMultiValue:GPLong: element 1: GPLong: expected an integer, got 'a'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(strings, "\"x\""))
                .hasMessage("GPMultiValue:GPString: expected a JSON array, got \"x\"");
        assertThatThrownBy(() -> GPMultiValue.of(GPDataType.STRING, new GPLong(1)))
                .hasMessageContaining("element 0 is a GPLong value");
    }
}
