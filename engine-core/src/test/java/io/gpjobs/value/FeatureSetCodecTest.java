package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSetCodecTest {

    private static final GPDataType FS = GPDataType.FEATURE_RECORD_SET_LAYER;

    @Test
    void theBufferTaskDefaultFromTheSpecRoundTripsExactly() {
        String seed = "{\"geometryType\":\"esriGeometryPolygon\",\"spatialReference\":{\"wkid\":102100,\"latestWkid\":3857},"
                + "\"fields\":[{\"name\":\"OBJECTID\",\"type\":\"esriFieldTypeOID\",\"alias\":\"OBJECTID\"}],\"features\":[],"
                + "\"exceededTransferLimit\":false}";
        RoundTrip.check(FS, seed, GPFeatureRecordSetLayer.of(GeometryType.POLYGON,
                new SpatialReference(102100, 3857, null, null, null),
                List.of(new GPField("OBJECTID", FieldType.OID, "OBJECTID", null, null, null)), List.of()));
    }

    @Test
    void featureSetsOfEveryGeometryKindRoundTrip() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("NAME", "Oslo");
        attrs.put("POP", 709037L);
        attrs.put("AREA", 454.12);
        attrs.put("CAPITAL", true);
        attrs.put("NOTE", null);
        String canonical = "{\"geometryType\":\"esriGeometryPoint\",\"spatialReference\":{\"wkid\":4326},"
                + "\"fields\":[{\"name\":\"NAME\",\"type\":\"esriFieldTypeString\",\"length\":50}],"
                + "\"features\":[{\"geometry\":{\"x\":10.75,\"y\":59.91},\"attributes\":{\"NAME\":\"Oslo\",\"POP\":709037,"
                + "\"AREA\":454.12,\"CAPITAL\":true,\"NOTE\":null}},{\"attributes\":{}}],\"exceededTransferLimit\":true}";
        GPFeatureRecordSetLayer expected = new GPFeatureRecordSetLayer(GeometryType.POINT, SpatialReference.WGS84,
                false, false, List.of(new GPField("NAME", FieldType.STRING, null, 50, null, null)),
                List.of(new Feature(Geometry.Point.of(10.75, 59.91), attrs), new Feature(null, Map.of())), true, null);
        GPFeatureRecordSetLayer read = (GPFeatureRecordSetLayer) RoundTrip.check(FS, canonical, expected);
        assertThat(read.features().get(0).attributes().keySet()).containsExactly("NAME", "POP", "AREA", "CAPITAL", "NOTE");

        RoundTrip.check(FS, "{\"geometryType\":\"esriGeometryMultipoint\",\"fields\":[],\"features\":[{\"geometry\":"
                + "{\"points\":[[1,2]]},\"attributes\":{\"id\":1}}],\"exceededTransferLimit\":false}",
                GPFeatureRecordSetLayer.of(GeometryType.MULTIPOINT, null, List.of(), List.of(new Feature(
                        new Geometry.Multipoint(List.of(List.of(1.0, 2.0)), false, false, null), Map.of("id", 1L)))));
        RoundTrip.check(FS, "{\"geometryType\":\"esriGeometryPolyline\",\"spatialReference\":{\"wkid\":3857},\"hasZ\":true,"
                + "\"fields\":[],\"features\":[{\"geometry\":{\"paths\":[[[0,0,5],[1,1,6]]]},\"attributes\":{}}],"
                + "\"exceededTransferLimit\":false}",
                new GPFeatureRecordSetLayer(GeometryType.POLYLINE, SpatialReference.ofWkid(3857), true, false, List.of(),
                        List.of(new Feature(new Geometry.Polyline(List.of(List.of(List.of(0.0, 0.0, 5.0),
                                List.of(1.0, 1.0, 6.0))), true, false, null), Map.of())), false, null));
        RoundTrip.check(FS, "{\"geometryType\":\"esriGeometryEnvelope\",\"fields\":[],\"features\":[{\"geometry\":"
                + "{\"xmin\":0,\"ymin\":0,\"xmax\":1,\"ymax\":1},\"attributes\":{}}],\"exceededTransferLimit\":false}",
                GPFeatureRecordSetLayer.of(GeometryType.ENVELOPE, null, List.of(),
                        List.of(new Feature(new Geometry.Envelope(0, 0, 1, 1, null), Map.of()))));
    }

    @Test
    void aGeometryWhoseZOrMDiffersFromTheSetSaysSo() {
        Geometry flat = new Geometry.Polyline(List.of(List.of(List.of(0.0, 0.0), List.of(1.0, 1.0))), false, false, null);
        Geometry withM = new Geometry.Polyline(List.of(List.of(List.of(0.0, 0.0, 5.0), List.of(1.0, 1.0, 6.0))), false, true, null);
        Geometry withZ = new Geometry.Polyline(List.of(List.of(List.of(0.0, 0.0, 7.0))), true, false, null);
        GPFeatureRecordSetLayer fs = new GPFeatureRecordSetLayer(GeometryType.POLYLINE, null, true, false, List.of(),
                List.of(new Feature(flat, Map.of()), new Feature(withM, Map.of()), new Feature(withZ, Map.of())), false, null);
        RoundTrip.check(FS, "{\"geometryType\":\"esriGeometryPolyline\",\"hasZ\":true,\"fields\":[],\"features\":["
                + "{\"geometry\":{\"paths\":[[[0,0],[1,1]]],\"hasZ\":false},\"attributes\":{}},"
                + "{\"geometry\":{\"paths\":[[[0,0,5],[1,1,6]]],\"hasZ\":false,\"hasM\":true},\"attributes\":{}},"
                + "{\"geometry\":{\"paths\":[[[0,0,7]]]},\"attributes\":{}}],\"exceededTransferLimit\":false}", fs);
    }

    @Test
    void whatTheJavaScriptClientSendsIsAcceptedAndTheExtrasIgnored() {
        String sent = "{\"displayFieldName\":\"\",\"geometryType\":\"esriGeometryPolygon\",\"spatialReference\":null,"
                + "\"aggregateGeometries\":null,\"symbol\":null,\"popupTemplate\":null,"
                + "\"fields\":[{\"name\":\"id\",\"type\":\"esriFieldTypeInteger\",\"alias\":\"id\",\"editable\":true,\"nullable\":true,\"domain\":null}],"
                + "\"features\":[{\"geometry\":{\"rings\":[[[0,0],[0,1],[1,1],[0,0]]],\"spatialReference\":{\"wkid\":102100,\"latestWkid\":3857}},"
                + "\"attributes\":{\"id\":7},\"symbol\":null,\"popupTemplate\":null}]}";
        GPFeatureRecordSetLayer fs = (GPFeatureRecordSetLayer) GPValueCodec.fromJson(FS, sent);
        assertThat(fs.geometryType()).isEqualTo(GeometryType.POLYGON);
        // the set had none, so the geometries' spatial reference becomes the set's
        assertThat(fs.spatialReference()).isEqualTo(new SpatialReference(102100, 3857, null, null, null));
        assertThat(fs.features().get(0).geometry().spatialReference()).isNull();
        assertThat(fs.fields()).containsExactly(new GPField("id", FieldType.INTEGER, "id", null, true, true));
        assertThat(fs.features().get(0).attributes()).containsExactly(Map.entry("id", 7L));
        assertThat(GPValueCodec.toJson(fs)).isEqualTo("{\"geometryType\":\"esriGeometryPolygon\","
                + "\"spatialReference\":{\"wkid\":102100,\"latestWkid\":3857},"
                + "\"fields\":[{\"name\":\"id\",\"type\":\"esriFieldTypeInteger\",\"alias\":\"id\",\"nullable\":true,\"editable\":true}],"
                + "\"features\":[{\"geometry\":{\"rings\":[[[0,0],[0,1],[1,1],[0,0]]]},\"attributes\":{\"id\":7}}],"
                + "\"exceededTransferLimit\":false}");
    }

    @Test
    void geometryTypeDefaultsToPointAndFeatureCollectionsAreRead() {
        GPFeatureRecordSetLayer fs = (GPFeatureRecordSetLayer) GPValueCodec.fromJson(FS,
                "{\"features\":[{\"geometry\":{\"x\":1,\"y\":2}}]}");
        assertThat(fs.geometryType()).isEqualTo(GeometryType.POINT);
        assertThat(fs.features()).containsExactly(new Feature(Geometry.Point.of(1, 2), Map.of()));
        GPFeatureRecordSetLayer layer = (GPFeatureRecordSetLayer) GPValueCodec.fromJson(FS,
                "{\"layerDefinition\":{\"geometryType\":\"esriGeometryPolyline\",\"fields\":[{\"name\":\"a\",\"type\":\"esriFieldTypeString\"}]},"
                        + "\"featureSet\":{\"features\":[{\"geometry\":{\"paths\":[[[0,0],[1,1]]]},\"attributes\":{\"a\":\"x\"}}]}}");
        assertThat(layer.geometryType()).isEqualTo(GeometryType.POLYLINE);
        assertThat(layer.fields()).containsExactly(GPField.of("a", FieldType.STRING));
    }

    @Test
    void layerReferencesRoundTrip() {
        RoundTrip.check(FS, "{\"url\":\"https://h/arcgis/rest/services/x/FeatureServer/0\",\"filter\":\"POP > 1000\",\"time\":1199145600000}",
                GPFeatureRecordSetLayer.ofReference(new LayerReference("https://h/arcgis/rest/services/x/FeatureServer/0",
                        null, "POP > 1000", "1199145600000")));
        RoundTrip.check(FS, "{\"url\":\"https://h/FeatureServer/0\",\"time\":\"1199145600000,1230768000000\"}",
                GPFeatureRecordSetLayer.ofReference(new LayerReference("https://h/FeatureServer/0", null, null,
                        "1199145600000,1230768000000")));
        assertThat(GPValueCodec.toJson(GPValueCodec.fromJson(FS, "{\"url\":\"https://h/FeatureServer/0\",\"token\":\"s3cret\"}")))
                .isEqualTo("{\"url\":\"https://h/FeatureServer/0\"}");
        assertThat(GPValueCodec.toJson(GPValueCodec.fromJson(GPDataType.DATA_FILE, "{\"url\":\"https://h/a.csv\",\"token\":\"s3cret\"}")))
                .isEqualTo("{\"url\":\"https://h/a.csv\"}");
        RoundTrip.check(FS, "{\"itemID\":\"i42\"}",
                GPFeatureRecordSetLayer.ofReference(new LayerReference(null, "i42", null, null)));
        assertThat(GPValueCodec.readLiteral(FS, "https://h/FeatureServer/0/query?where=1=1&f=json"))
                .isEqualTo(GPFeatureRecordSetLayer.ofReference(LayerReference.ofUrl("https://h/FeatureServer/0/query?where=1=1&f=json")));
    }

    @Test
    void recordSetsRoundTrip() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Name", "a");
        row.put("Value", 1.5);
        RoundTrip.check(GPDataType.RECORD_SET, "{\"fields\":[{\"name\":\"Name\",\"type\":\"esriFieldTypeString\"},"
                        + "{\"name\":\"Value\",\"type\":\"esriFieldTypeDouble\"}],\"features\":[{\"attributes\":{\"Name\":\"a\",\"Value\":1.5}}],"
                        + "\"exceededTransferLimit\":false}",
                GPRecordSet.of(List.of(GPField.of("Name", FieldType.STRING), GPField.of("Value", FieldType.DOUBLE)), List.of(row)));
        RoundTrip.check(GPDataType.RECORD_SET, "{\"url\":\"https://h/FeatureServer/1\"}",
                GPRecordSet.ofReference(LayerReference.ofUrl("https://h/FeatureServer/1")));
        // fields may be left out on input; geometries on rows are ignored
        GPRecordSet rs = (GPRecordSet) GPValueCodec.fromJson(GPDataType.RECORD_SET,
                "{\"features\":[{\"attributes\":{\"a\":1},\"geometry\":{\"x\":1,\"y\":1}}]}");
        assertThat(rs.fields()).isEmpty();
        assertThat(rs.rows()).containsExactly(Map.of("a", 1L));
    }

    @Test
    void attributeMapsAreImmutableAndPlain() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("i", 3);
        attrs.put("f", 1.5f);
        Feature f = new Feature(null, attrs);
        attrs.put("later", "x");
        assertThat(f.attributes()).containsExactly(Map.entry("i", 3L), Map.entry("f", 1.5));
        assertThatThrownBy(() -> f.attributes().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Feature(null, Map.of("bad", new Object())))
                .hasMessageStartingWith("attribute 'bad' must be a string, number, boolean or null, got a Object");
    }

    @Test
    void badFeatureSets() {
        assertThatThrownBy(() -> GPValueCodec.fromJson(FS, "{\"geometryType\":\"esriGeometryCircle\",\"features\":[]}"))
                .hasMessageStartingWith("GPFeatureRecordSetLayer: unknown geometryType 'esriGeometryCircle'");
        assertThatThrownBy(() -> GPValueCodec.fromJson(FS, "{\"geometryType\":\"esriGeometryPolygon\"}"))
                .hasMessage("GPFeatureRecordSetLayer: 'features' must be an array, got {\"geometryType\":\"esriGeometryPolygon\"}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(FS, "{\"geometryType\":\"esriGeometryPolygon\",\"features\":[{\"geometry\":{\"x\":1,\"y\":2}}]}"))
                .hasMessage("GPFeatureRecordSetLayer: feature 0: esriGeometryPolygon: 'rings' must be an array, got {\"x\":1,\"y\":2}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(FS, "{\"features\":[{\"attributes\":{\"a\":[1]}}]}"))
                .hasMessage("GPFeatureRecordSetLayer: attribute 'a' must be a string, number, boolean or null, got [1]");
        assertThatThrownBy(() -> GPValueCodec.fromJson(FS, "{\"fields\":[{\"name\":\"a\"}],\"features\":[]}"))
                .hasMessage("GPFeatureRecordSetLayer: Field: 'type' is required, got {\"name\":\"a\"}");
        assertThatThrownBy(() -> GPValueCodec.fromJson(FS, "[]"))
                .hasMessage("GPFeatureRecordSetLayer: expected a JSON object, got []");
        assertThatThrownBy(() -> GPValueCodec.fromJson(GPDataType.RECORD_SET, "{\"rows\":[]}"))
                .hasMessage("GPRecordSet: 'features' must be an array, got {\"rows\":[]}");
        assertThatThrownBy(() -> GPFeatureRecordSetLayer.of(GeometryType.POINT, null, List.of(),
                List.of(new Feature(new Geometry.Envelope(0, 0, 1, 1, null), Map.of()))))
                .hasMessage("GPFeatureRecordSetLayer: feature 0 has a esriGeometryEnvelope geometry in a esriGeometryPoint feature set");
    }
}
