package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.ParameterDefinition;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerCodecTest {

    private static final ParameterDefinition TABLE = ParameterDefinition
            .requiredInput("Weights", GPDataType.VALUE_TABLE)
            .withParameterInfos(List.of(
                    ParameterDefinition.requiredInput("Name", GPDataType.STRING),
                    ParameterDefinition.requiredInput("Weight", GPDataType.DOUBLE),
                    ParameterDefinition.requiredInput("Distance", GPDataType.LINEAR_UNIT)));

    private static final List<GPValueTable.Column> COLUMNS = List.of(
            new GPValueTable.Column("Name", GPDataType.STRING),
            new GPValueTable.Column("Weight", GPDataType.DOUBLE),
            new GPValueTable.Column("Distance", GPDataType.LINEAR_UNIT));

    private static final ParameterDefinition COMPOSITE = ParameterDefinition
            .requiredInput("Size", GPDataType.COMPOSITE)
            .withParameterInfos(List.of(
                    ParameterDefinition.requiredInput("AsLong", GPDataType.LONG),
                    ParameterDefinition.requiredInput("AsUnit", GPDataType.LINEAR_UNIT),
                    ParameterDefinition.requiredInput("AsText", GPDataType.STRING)));

    @Test
    void valueTablesRoundTripWithDeclaredColumns() {
        GPValueTable expected = new GPValueTable(COLUMNS, List.of(
                List.of(new GPString("a"), new GPDouble(0.5), new GPLinearUnit(3, LinearUnit.MILES)),
                Arrays.asList(new GPString(""), null, null)));
        RoundTrip.check(TABLE, "[[\"a\",0.5,{\"distance\":3,\"units\":\"esriMiles\"}],[\"\",null,null]]", expected);
        // rows as objects keyed by column name, keys may be missing; short rows are padded
        assertThat(GPValueCodec.readLiteral(TABLE.shape(), "[{\"Weight\":0.5,\"Name\":\"a\",\"Distance\":{\"distance\":3,"
                + "\"units\":\"esriMiles\"}},{\"Name\":\"\"}]")).isEqualTo(expected);
        assertThat(GPValueCodec.read(TABLE.shape(), Json.parse("t", "[[\"a\",0.5,\"3 Miles\"],[\"\"]]"))).isEqualTo(expected);
        assertThat(GPValueCodec.read(TABLE.shape(), Json.parse("t", "[[\"a\",0.5,\"3 Miles\"],[\"\",\"\",\"\"]]")))
                .isEqualTo(expected);
    }

    @Test
    void valueTablesWithoutColumnsInferThem() {
        GPValueTable t = (GPValueTable) RoundTrip.check(GPDataType.VALUE_TABLE, "[[\"x\",1,true],[\"y\",null,false]]",
                new GPValueTable(List.of(new GPValueTable.Column("", GPDataType.STRING),
                        new GPValueTable.Column("", GPDataType.LONG), new GPValueTable.Column("", GPDataType.BOOLEAN)),
                        List.of(List.of(new GPString("x"), new GPLong(1), GPBoolean.TRUE),
                                Arrays.asList(new GPString("y"), null, GPBoolean.FALSE))));
        assertThatThrownBy(() -> t.rows().get(1).set(0, null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyTablesReadWithoutTheirDefinition() {
        assertThat(GPValueCodec.fromJson(GPDataType.VALUE_TABLE, "[]")).isEqualTo(new GPValueTable(List.of(), List.of()));
        assertThat(GPValueCodec.toJson(GPValueCodec.fromJson(GPDataType.VALUE_TABLE, "[]"))).isEqualTo("[]");
        RoundTrip.check(TABLE, "[]", new GPValueTable(COLUMNS, List.of()));
    }

    @Test
    void valueTablesByColumnNameAndFromStoredText() {
        GPValueTable t = new GPValueTable(COLUMNS, List.of(
                Arrays.asList(new GPString("a"), null, new GPLinearUnit(3, LinearUnit.MILES))));
        String byName = Json.text(GPValueCodec.writeByColumnName(t));
        assertThat(byName).isEqualTo("[{\"Name\":\"a\",\"Distance\":{\"distance\":3,\"units\":\"esriMiles\"}}]");
        assertThat(GPValueCodec.read(TABLE.shape(), Json.parse("t", byName))).isEqualTo(t);
        // stored text read back with the definition keeps the column names and types
        assertThat(GPValueCodec.fromJson(TABLE.shape(), GPValueCodec.toJson(t))).isEqualTo(t);
        GPValueTable unnamed = (GPValueTable) GPValueCodec.fromJson(GPDataType.VALUE_TABLE, "[[1,2]]");
        assertThatThrownBy(() -> GPValueCodec.writeByColumnName(unnamed))
                .hasMessage("GPValueTable: cannot key rows by column name, column names are [, ]");
    }

    @Test
    void badValueTables() {
        assertThatThrownBy(() -> GPValueCodec.read(TABLE.shape(), Json.parse("t", "[[\"a\",\"heavy\"]]")))
                .hasMessage("GPValueTable: row 0 column 'Weight': GPDouble: expected a number, got 'heavy'");
        assertThatThrownBy(() -> GPValueCodec.read(TABLE.shape(), Json.parse("t", "[{\"Colour\":1}]")))
                .hasMessage("GPValueTable: row 0 has unknown column 'Colour', got {\"Colour\":1}");
        assertThatThrownBy(() -> GPValueCodec.read(TABLE.shape(), Json.parse("t", "[[1,2,3,4]]")))
                .hasMessage("GPValueTable: row 0 has 4 cells, expected 3, got [1,2,3,4]");
        assertThatThrownBy(() -> GPValueCodec.read(TABLE.shape(), Json.parse("t", "{}")))
                .hasMessage("GPValueTable: expected a JSON array of rows, got {}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.VALUE_TABLE, "[[1],[2,3]]"))
                .hasMessage("GPValueTable: row 1 has 2 cells, expected 1, got [2,3]");
        assertThatThrownBy(() -> new GPValueTable(COLUMNS, List.of(List.of(new GPLong(1), new GPDouble(1), new GPDouble(2)))))
                .hasMessage("GPValueTable: row 0 column 'Name' holds a GPLong value, expected GPString");
    }

    @Test
    void compositeValuesResolveToTheirMemberTypeInDeclaredOrder() {
        GPValue l = GPValueCodec.read(COMPOSITE.shape(), Json.parse("t", "5"));
        assertThat(l).isEqualTo(new GPLong(5));
        assertThat(l.dataType()).isEqualTo(GPDataType.LONG);
        assertThat(GPValueCodec.read(COMPOSITE.shape(), Json.parse("t", "{\"distance\":2,\"units\":\"esriFeet\"}")))
                .isEqualTo(new GPLinearUnit(2, LinearUnit.FEET));
        assertThat(GPValueCodec.read(COMPOSITE.shape(), Json.parse("t", "\"big\""))).isEqualTo(new GPString("big"));
        // wrapped form picks the member explicitly
        assertThat(GPValueCodec.read(COMPOSITE.shape(), Json.parse("t", "{\"dataType\":\"GPString\",\"value\":\"5\"}")))
                .isEqualTo(new GPString("5"));
        // form literals: "5" is a GPLong (first member that accepts it), "5 Miles" a linear unit, "big" a string
        assertThat(GPValueCodec.readLiteral(COMPOSITE.shape(), "5")).isEqualTo(new GPLong(5));
        assertThat(GPValueCodec.readLiteral(COMPOSITE.shape(), "5 Miles")).isEqualTo(new GPLinearUnit(5, LinearUnit.MILES));
        assertThat(GPValueCodec.readLiteral(COMPOSITE.shape(), "big")).isEqualTo(new GPString("big"));
        assertThat(GPValueCodec.toJson(GPValueCodec.readLiteral(COMPOSITE.shape(), "5 Miles")))
                .isEqualTo("{\"distance\":5,\"units\":\"esriMiles\"}");
    }

    @Test
    void compositesWithoutMembersInferOrUnwrap() {
        assertThat(GPValueCodec.fromJson(GPDataType.COMPOSITE, "2.5")).isEqualTo(new GPDouble(2.5));
        assertThat(GPValueCodec.fromJson(GPDataType.COMPOSITE, "{\"area\":3,\"units\":\"esriAcres\"}"))
                .isEqualTo(new GPArealUnit(3, ArealUnit.ACRES));
        assertThat(GPValueCodec.fromJson(GPDataType.COMPOSITE, "{\"dataType\":\"GPDate\",\"value\":1199145600000}"))
                .isEqualTo(new GPDate(1199145600000L));
        assertThat(GPValueCodec.fromJson(GPDataType.COMPOSITE, "{\"url\":\"https://h/a.csv\"}"))
                .isEqualTo(GPDataFile.ofUrl("https://h/a.csv"));
    }

    @Test
    void badComposites() {
        assertThatThrownBy(() -> GPValueCodec.read(COMPOSITE.shape(), Json.parse("t", "true")))
                .hasMessage("GPComposite: value matches none of the member types [GPLong, GPLinearUnit, GPString], got true");
        assertThatThrownBy(() -> GPValueCodec.read(COMPOSITE.shape(), Json.parse("t", "{\"dataType\":\"GPDouble\",\"value\":1}")))
                .hasMessage("GPComposite: dataType is not a member type [GPLong, GPLinearUnit, GPString], got 'GPDouble'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.COMPOSITE, "[1]"))
                .hasMessageStartingWith("GPComposite: cannot tell the data type of this value");
    }

    @Test
    void multiValuesOfStructuredAndCompositeTypes() {
        GPDataType units = GPDataType.multiValue(GPDataType.LINEAR_UNIT);
        RoundTrip.check(units, "[{\"distance\":36,\"units\":\"esriMiles\"}]",
                GPMultiValue.of(GPDataType.LINEAR_UNIT, new GPLinearUnit(36, LinearUnit.MILES)));
        ParameterDefinition mvComposite = ParameterDefinition
                .requiredInput("Sizes", GPDataType.multiValue(GPDataType.COMPOSITE))
                .withParameterInfos(COMPOSITE.parameterInfos());
        GPMultiValue mv = (GPMultiValue) GPValueCodec.readLiteral(mvComposite.shape(), "[3,\"x\"]");
        assertThat(mv.values()).containsExactly(new GPLong(3), new GPString("x"));
        // each item says its type, as clients need; and that form is read back as sent
        String wrapped = "[{\"dataType\":\"GPLong\",\"value\":3},{\"dataType\":\"GPString\",\"value\":\"x\"}]";
        assertThat(GPValueCodec.toJson(mv)).isEqualTo(wrapped);
        assertThat(GPValueCodec.readLiteral(mvComposite.shape(), wrapped)).isEqualTo(mv);
        GPMultiValue mixed = (GPMultiValue) GPValueCodec.readLiteral(mvComposite.shape(),
                "[{\"dataType\":\"GPLinearUnit\",\"value\":{\"distance\":2,\"units\":\"esriMiles\"}},7]");
        assertThat(mixed.values()).containsExactly(new GPLinearUnit(2, LinearUnit.MILES), new GPLong(7));
        assertThat(GPValueCodec.toJson(mixed)).isEqualTo("[{\"dataType\":\"GPLinearUnit\",\"value\":"
                + "{\"distance\":2,\"units\":\"esriMiles\"}},{\"dataType\":\"GPLong\",\"value\":7}]");
        GPDataType fields = GPDataType.multiValue(GPDataType.FIELD);
        RoundTrip.check(fields, "[{\"name\":\"a\",\"type\":\"esriFieldTypeString\"}]",
                GPMultiValue.of(GPDataType.FIELD, GPField.of("a", FieldType.STRING)));
    }
}
