package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterFilterTest {

    private static ParameterFilter roundTrip(String json) {
        ParameterFilter f = ParameterFilter.fromJson(Json.parse("t", json));
        assertThat(Json.text(f.toJson())).isEqualTo(json);
        assertThat(ParameterFilter.fromJson(f.toJson())).isEqualTo(f);
        return f;
    }

    @Test
    void everyKindRoundTrips() {
        assertThat(roundTrip("{\"type\":\"range\",\"minimum\":1,\"maximum\":10.5}"))
                .isEqualTo(new ParameterFilter.Range(1.0, 10.5));
        assertThat(roundTrip("{\"type\":\"range\",\"minimum\":0}")).isEqualTo(new ParameterFilter.Range(0.0, null));
        assertThat(roundTrip("{\"type\":\"featureClass\",\"list\":[\"esriGeometryPolygon\",\"esriGeometryPoint\"]}"))
                .isEqualTo(new ParameterFilter.FeatureClass(List.of(GeometryType.POLYGON, GeometryType.POINT)));
        assertThat(roundTrip("{\"type\":\"file\",\"list\":[\"csv\",\"txt\"]}"))
                .isEqualTo(new ParameterFilter.File(List.of("csv", ".TXT")));
        assertThat(roundTrip("{\"type\":\"field\",\"list\":[\"esriFieldTypeInteger\",\"esriFieldTypeDouble\"]}"))
                .isEqualTo(new ParameterFilter.Field(List.of(FieldType.INTEGER, FieldType.DOUBLE)));
    }

    @Test
    void badFilterJson() {
        assertThatThrownBy(() -> ParameterFilter.fromJson(Json.parse("t", "{\"type\":\"codedValue\",\"list\":[]}")))
                .hasMessage("filter: unknown filter type (expected range, featureClass, file or field), got 'codedValue'");
        assertThatThrownBy(() -> ParameterFilter.fromJson(Json.parse("t", "{\"type\":\"featureClass\",\"list\":[\"esriGeometryBlob\"]}")))
                .hasMessageStartingWith("unknown geometryType 'esriGeometryBlob'");
        assertThatThrownBy(() -> ParameterFilter.fromJson(Json.parse("t", "{\"type\":\"file\"}")))
                .hasMessage("filter: 'list' must be an array, got {\"type\":\"file\"}");
        assertThatThrownBy(() -> ParameterFilter.fromJson(Json.parse("t", "{\"type\":\"range\",\"minimum\":5,\"maximum\":1}")))
                .hasMessage("range filter minimum 5.0 exceeds maximum 1.0");
        assertThatThrownBy(() -> ParameterFilter.fromJson(Json.parse("t", "{\"type\":\"range\"}")))
                .hasMessage("range filter needs a minimum or a maximum");
        assertThatThrownBy(() -> new ParameterFilter.File(List.of()))
                .hasMessage("file filter needs at least one extension");
    }

    @Test
    void checksNameTheParameterAndTheValue() {
        ParameterFilter range = new ParameterFilter.Range(1.0, 10.0);
        assertThat(range.check("N", new GPDouble(10))).isEmpty();
        assertThat(range.check("N", new GPDouble(10.01))).contains("parameter 'N': value 10.01 is out of range [1, 10]");
        assertThat(new ParameterFilter.Range(null, 0.0).check("N", new GPLong(1)))
                .contains("parameter 'N': value 1 is out of range [none, 0]");
        assertThat(range.check("N", new GPString("99"))).isEmpty();

        ParameterFilter polygons = new ParameterFilter.FeatureClass(List.of(GeometryType.POLYGON));
        assertThat(polygons.check("In", GPFeatureRecordSetLayer.of(GeometryType.POLYGON, null, List.of(), List.of()))).isEmpty();
        assertThat(polygons.check("In", GPFeatureRecordSetLayer.of(GeometryType.POINT, null, List.of(), List.of())))
                .contains("parameter 'In': geometry type esriGeometryPoint is not allowed, expected [esriGeometryPolygon]");
        assertThat(polygons.check("In", GPFeatureRecordSetLayer.ofReference(LayerReference.ofUrl("https://h/0")))).isEmpty();

        ParameterFilter csv = new ParameterFilter.File(List.of("csv"));
        assertThat(csv.check("F", GPDataFile.ofUrl("https://h/x/DATA.CSV?token=t"))).isEmpty();
        assertThat(csv.check("F", GPDataFile.ofUrl("https://h/x/data.xlsx")))
                .contains("parameter 'F': file 'https://h/x/data.xlsx' has extension 'xlsx', expected one of [csv]");
        assertThat(csv.check("F", GPDataFile.ofUrl("https://h/x/data")))
                .contains("parameter 'F': file 'https://h/x/data' has no extension, expected one of [csv]");
        assertThat(csv.check("F", new GPDataFile(null, "i1", null))).isEmpty();

        ParameterFilter numeric = new ParameterFilter.Field(List.of(FieldType.INTEGER));
        assertThat(numeric.check("Fld", GPField.of("a", FieldType.INTEGER))).isEmpty();
        assertThat(numeric.check("Fld", GPField.of("a", FieldType.STRING)))
                .contains("parameter 'Fld': field 'a' of type esriFieldTypeString is not allowed, expected [esriFieldTypeInteger]");
    }
}
