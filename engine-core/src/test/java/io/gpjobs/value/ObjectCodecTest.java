package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ObjectCodecTest {

    @Test
    void linearUnitsRoundTripWithTheSpecExamples() {
        RoundTrip.check(GPDataType.LINEAR_UNIT, "{\"distance\":345.678,\"units\":\"esriMiles\"}",
                new GPLinearUnit(345.678, LinearUnit.MILES));
        RoundTrip.check(GPDataType.LINEAR_UNIT, "{\"distance\":10,\"units\":\"esriMeters\"}",
                new GPLinearUnit(10, LinearUnit.METERS));
        for (LinearUnit u : LinearUnit.values()) {
            RoundTrip.check(GPDataType.LINEAR_UNIT, "{\"distance\":1.5,\"units\":\"" + u.wireName() + "\"}",
                    new GPLinearUnit(1.5, u));
        }
    }

    @Test
    void linearUnitsDefaultToMetersAndConvert() {
        assertThat(GPValueCodec.fromJson(GPDataType.LINEAR_UNIT, "{\"distance\":36}"))
                .isEqualTo(new GPLinearUnit(36, LinearUnit.METERS));
        assertThat(GPValueCodec.readLiteral(GPDataType.LINEAR_UNIT, "5 Kilometers"))
                .isEqualTo(new GPLinearUnit(5, LinearUnit.KILOMETERS));
        assertThat(GPValueCodec.readLiteral(GPDataType.LINEAR_UNIT, "{\"distance\":2,\"units\":\"esriFeet\"}"))
                .isEqualTo(new GPLinearUnit(2, LinearUnit.FEET));
        assertThat(new GPLinearUnit(2, LinearUnit.MILES).meters().getAsDouble()).isCloseTo(3218.688, within(1e-9));
        assertThat(new GPLinearUnit(3, LinearUnit.INT_FEET).meters().getAsDouble()).isCloseTo(0.9144, within(1e-12));
        assertThat(new GPLinearUnit(1, LinearUnit.DECIMAL_DEGREES).meters()).isEmpty();
        assertThat(new GPLinearUnit(1, LinearUnit.UNKNOWN).meters()).isEmpty();
    }

    @Test
    void badLinearUnits() {
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.LINEAR_UNIT, "{\"distance\":3,\"units\":\"esriFurlongs\"}"))
                .hasMessageStartingWith("GPLinearUnit: unknown linear unit 'esriFurlongs', expected one of esriUnknownUnits");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.LINEAR_UNIT, "{\"units\":\"esriMiles\"}"))
                .hasMessage("GPLinearUnit: 'distance' is required, got {\"units\":\"esriMiles\"}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.LINEAR_UNIT, "{\"distance\":\"far\"}"))
                .hasMessage("GPLinearUnit: 'distance' must be a number, got \"far\"");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.LINEAR_UNIT, "[1]"))
                .hasMessage("GPLinearUnit: expected a JSON object, got [1]");
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.LINEAR_UNIT, "far Miles"))
                .hasMessage("GPLinearUnit: expected a number and a unit such as '3 Meters', got 'far Miles'");
    }

    @Test
    void arealUnitsRoundTripAndReadTheTextForm() {
        RoundTrip.check(GPDataType.AREAL_UNIT, "{\"area\":50,\"units\":\"esriSquareMiles\"}",
                new GPArealUnit(50, ArealUnit.SQUARE_MILES));
        for (ArealUnit u : ArealUnit.values()) {
            RoundTrip.check(GPDataType.AREAL_UNIT, "{\"area\":0.25,\"units\":\"" + u.wireName() + "\"}",
                    new GPArealUnit(0.25, u));
        }
        assertThat(GPValueCodec.readLiteral(GPDataType.AREAL_UNIT, "3 SquareKilometers"))
                .isEqualTo(new GPArealUnit(3, ArealUnit.SQUARE_KILOMETERS));
        assertThat(GPValueCodec.fromJson(GPDataType.AREAL_UNIT, "\"2.5 AcresUS\""))
                .isEqualTo(new GPArealUnit(2.5, ArealUnit.ACRES_US));
        assertThat(GPValueCodec.readLiteral(GPDataType.AREAL_UNIT, "1 esriHectares"))
                .isEqualTo(new GPArealUnit(1, ArealUnit.HECTARES));
        assertThat(new GPArealUnit(1, ArealUnit.SQUARE_KILOMETERS).squareMeters().getAsDouble()).isEqualTo(1e6);
        assertThat(new GPArealUnit(1, ArealUnit.ACRES).squareMeters().getAsDouble()).isCloseTo(4046.8564224, within(1e-9));
        assertThat(new GPArealUnit(1, ArealUnit.ACRES_US).squareMeters().getAsDouble()).isCloseTo(4046.8726, within(1e-3));
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.AREAL_UNIT, "3 SquareParsecs"))
                .hasMessageStartingWith("GPArealUnit: unknown areal unit 'SquareParsecs'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.AREAL_UNIT, "{\"area\":true}"))
                .hasMessage("GPArealUnit: 'area' must be a number, got true");
    }

    @Test
    void dataFiles() {
        RoundTrip.check(GPDataType.DATA_FILE, "{\"url\":\"https://example.com/data/f.csv\"}",
                GPDataFile.ofUrl("https://example.com/data/f.csv"));
        RoundTrip.check(GPDataType.DATA_FILE, "{\"itemID\":\"i1234\"}", new GPDataFile(null, "i1234", null));
        RoundTrip.check(GPDataType.DATA_FILE, "{\"portalItemID\":\"abc\"}", new GPDataFile(null, null, "abc"));
        assertThat(GPValueCodec.readLiteral(GPDataType.DATA_FILE, "https://example.com/x.zip"))
                .isEqualTo(GPDataFile.ofUrl("https://example.com/x.zip"));
        assertThat(GPDataFile.ofUrl("https://h/a.b/File.TXT?token=x#y").extension()).contains("txt");
        assertThat(GPDataFile.ofUrl("https://h/a.b/noext").extension()).isEmpty();
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.DATA_FILE, "{\"url\":\"u\",\"itemID\":\"i\"}"))
                .hasMessage("GPDataFile: expected exactly one of url, itemID, portalItemID, got {\"url\":\"u\",\"itemID\":\"i\"}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.DATA_FILE, "{}"))
                .hasMessage("GPDataFile: expected exactly one of url, itemID, portalItemID, got {}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.DATA_FILE, "{\"url\":5}"))
                .hasMessage("GPDataFile: 'url' must be a string, got 5");
        assertThatThrownBy(() -> GPValueCodec.readLiteral(GPDataType.DATA_FILE, "f.csv"))
                .hasMessage("GPDataFile: not valid JSON: 'f.csv'");
    }

    @Test
    void rasters() {
        RoundTrip.check(GPDataType.RASTER_DATA_LAYER, "{\"url\":\"https://h/lake.tif\",\"format\":\"tif\"}",
                GPRasterDataLayer.ofUrl("https://h/lake.tif", "tif"));
        RoundTrip.check(GPDataType.RASTER_DATA_LAYER, "{\"url\":\"https://h/arcgis/rest/services/x/ImageServer\",\"type\":\"ImageService\"}",
                new GPRasterDataLayer("https://h/arcgis/rest/services/x/ImageServer", null, null, "ImageService"));
        RoundTrip.check(GPDataType.RASTER_DATA_LAYER, "{\"itemID\":\"i9\"}", new GPRasterDataLayer(null, "i9", null, null));
        assertThat(GPValueCodec.fromJson(GPDataType.parse("GPRasterData"), "{\"url\":\"https://h/a.png\",\"format\":\"png\"}"))
                .isEqualTo(GPRasterDataLayer.ofUrl("https://h/a.png", "png"));
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.RASTER_DATA_LAYER, "{\"format\":\"tif\"}"))
                .hasMessage("GPRasterDataLayer: expected exactly one of url, itemID, got {\"format\":\"tif\"}");
    }

    @Test
    void fields() {
        RoundTrip.check(GPDataType.FIELD,
                "{\"name\":\"distance\",\"type\":\"esriFieldTypeInteger\",\"alias\":\"int\",\"length\":4,\"nullable\":true,\"editable\":true}",
                new GPField("distance", FieldType.INTEGER, "int", 4, true, true));
        RoundTrip.check(GPDataType.FIELD, "{\"name\":\"NAME\",\"type\":\"esriFieldTypeString\"}",
                GPField.of("NAME", FieldType.STRING));
        for (FieldType t : FieldType.values()) {
            RoundTrip.check(GPDataType.FIELD, "{\"name\":\"f\",\"type\":\"" + t.wireName() + "\"}", GPField.of("f", t));
        }
        // the legacy wire name reads the same; what is written names the type Field
        GPValue legacy = GPValueCodec.fromJson(GPDataType.parse("GPField"), "{\"name\":\"a\",\"type\":\"esriFieldTypeDouble\",\"domain\":null}");
        assertThat(legacy).isEqualTo(GPField.of("a", FieldType.DOUBLE));
        assertThat(legacy.dataType().wireName()).isEqualTo("Field");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.FIELD, "{\"name\":\"a\",\"type\":\"esriFieldTypeWhatever\"}"))
                .hasMessageStartingWith("Field 'a': unknown field type 'esriFieldTypeWhatever'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.FIELD, "{\"type\":\"esriFieldTypeString\"}"))
                .hasMessage("Field: 'name' is required, got {\"type\":\"esriFieldTypeString\"}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.FIELD, "{\"name\":\"a\",\"type\":\"esriFieldTypeString\",\"length\":\"x\"}"))
                .hasMessage("Field: 'length' must be an integer, got \"x\"");
    }
}
