package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.ParameterDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Seeded random values of every type: reading what was written gives the value back, and the same text. */
class RandomRoundTripTest {

    private final Random rnd = new Random(20261123);

    private void check(GPValue v) {
        String json = GPValueCodec.toJson(v);
        GPValue back = GPValueCodec.fromJson(v.dataType(), json);
        assertThat(back).as(json).isEqualTo(v);
        assertThat(GPValueCodec.toJson(back)).isEqualTo(json);
    }

    private void many(Supplier<GPValue> gen) {
        for (int i = 0; i < 200; i++) {
            check(gen.get());
        }
    }

    private String text() {
        String alphabet = "aZ09 _-\"\\/\n\t\u00e6\u00f8\u00e5\u4e2d\ud83d\ude00{}[],:";
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        // keep surrogate pairs whole
        return sb.toString().replaceAll("[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]", "?");
    }

    private double number() {
        switch (rnd.nextInt(6)) {
            case 0: return rnd.nextInt(2000) - 1000;
            case 1: return -0.0;
            case 2: return rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
            case 3: return -rnd.nextDouble() * 1e16;
            default: return (rnd.nextDouble() - 0.5) * 360;
        }
    }

    private Object attribute() {
        switch (rnd.nextInt(5)) {
            case 0: return null;
            case 1: return text();
            case 2: return rnd.nextLong();
            case 3: return number();
            default: return rnd.nextBoolean();
        }
    }

    private SpatialReference sr() {
        switch (rnd.nextInt(4)) {
            case 0: return null;
            case 1: return SpatialReference.ofWkid(rnd.nextInt(100000));
            case 2: return new SpatialReference(102100, 3857, rnd.nextBoolean() ? 5703 : null, null, null);
            default: return new SpatialReference(null, null, null, null, "GEOGCS[\"" + text() + "\"]");
        }
    }

    private List<List<Double>> vertices(boolean z, boolean m) {
        List<List<Double>> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            List<Double> v = new ArrayList<>(List.of(number(), number()));
            if (z) {
                v.add(number());
            }
            if (m) {
                v.add(number());
            }
            out.add(v);
        }
        return out;
    }

    private List<List<List<Double>>> parts(boolean z, boolean m) {
        List<List<List<Double>>> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(vertices(z, m));
        }
        return out;
    }

    private Geometry geometry(GeometryType t, boolean z, boolean m, SpatialReference sr) {
        switch (t) {
            case POINT: return new Geometry.Point(number(), number(), z ? number() : null, m ? number() : null, sr);
            case MULTIPOINT: return new Geometry.Multipoint(vertices(z, m), z, m, sr);
            case POLYLINE: return new Geometry.Polyline(parts(z, m), z, m, sr);
            case POLYGON: return new Geometry.Polygon(parts(z, m), z, m, sr);
            default:
                double x = number();
                double y = number();
                return new Geometry.Envelope(x, y, x + Math.abs(number()), y + Math.abs(number()), sr);
        }
    }

    private List<GPField> fields() {
        List<GPField> out = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            FieldType t = FieldType.values()[rnd.nextInt(FieldType.values().length)];
            out.add(new GPField("f" + i, t, rnd.nextBoolean() ? text() : null, rnd.nextBoolean() ? rnd.nextInt(255) : null,
                    rnd.nextBoolean() ? rnd.nextBoolean() : null, rnd.nextBoolean() ? rnd.nextBoolean() : null));
        }
        return out;
    }

    private Map<String, Object> attributes() {
        Map<String, Object> a = new LinkedHashMap<>();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            a.put("a" + rnd.nextInt(10) + text(), attribute());
        }
        return a;
    }

    private GPFeatureRecordSetLayer featureSet() {
        GeometryType t = GeometryType.values()[rnd.nextInt(GeometryType.values().length)];
        boolean z = t != GeometryType.ENVELOPE && rnd.nextBoolean();
        boolean m = t != GeometryType.ENVELOPE && rnd.nextBoolean();
        List<Feature> features = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            // now and then a geometry's own z/m differ from the set's
            boolean gz = rnd.nextInt(4) == 0 ? !z : z;
            boolean gm = rnd.nextInt(4) == 0 ? !m : m;
            features.add(new Feature(rnd.nextInt(5) == 0 ? null : geometry(t, gz, gm, null), attributes()));
        }
        return new GPFeatureRecordSetLayer(t, sr(), z, m, fields(), features, rnd.nextBoolean(), null);
    }

    @Test
    void scalars() {
        many(() -> new GPString(text()));
        many(() -> new GPLong(rnd.nextLong() % GPLong.MAX_ABS));
        many(() -> new GPDouble(number()));
        many(() -> GPBoolean.of(rnd.nextBoolean()));
        many(() -> new GPDate(rnd.nextLong() >> 20));
    }

    @Test
    void unitsFilesRastersAndFields() {
        many(() -> new GPLinearUnit(number(), LinearUnit.values()[rnd.nextInt(LinearUnit.values().length)]));
        many(() -> new GPArealUnit(number(), ArealUnit.values()[rnd.nextInt(ArealUnit.values().length)]));
        many(() -> switch (rnd.nextInt(3)) {
            case 0 -> GPDataFile.ofUrl("https://h/" + text() + ".csv");
            case 1 -> new GPDataFile(null, "i" + text(), null);
            default -> new GPDataFile(null, null, "p" + text());
        });
        many(() -> new GPRasterDataLayer("https://h/" + text(), null, rnd.nextBoolean() ? "tif" : null,
                rnd.nextBoolean() ? "ImageService" : null));
        many(() -> fields().stream().findFirst().map(f -> (GPValue) f).orElse(GPField.of("x", FieldType.OID)));
    }

    @Test
    void geometriesWithSpatialReferences() {
        for (int i = 0; i < 300; i++) {
            GeometryType t = GeometryType.values()[rnd.nextInt(GeometryType.values().length)];
            boolean z = rnd.nextBoolean();
            boolean m = rnd.nextBoolean();
            Geometry g = geometry(t, z, m, sr());
            if (g instanceof Geometry.Point) {
                continue; // a point's z/m are checked in the feature sets below
            }
            assertThat(GPValueCodec.readGeometry(GPValueCodec.writeGeometry(g))).isEqualTo(g);
        }
    }

    @Test
    void featureAndRecordSets() {
        many(this::featureSet);
        many(() -> GPRecordSet.of(fields(), List.of(attributes(), attributes())));
        many(() -> GPFeatureRecordSetLayer.ofReference(new LayerReference("https://h/FeatureServer/" + rnd.nextInt(9),
                null, rnd.nextBoolean() ? "A > " + rnd.nextInt() : null,
                rnd.nextBoolean() ? Long.toString(rnd.nextLong() >>> 20) : null)));
    }

    @Test
    void multiValuesAndValueTables() {
        many(() -> new GPMultiValue(GPDataType.DOUBLE, List.of(new GPDouble(number()), new GPDouble(number()))));
        many(() -> new GPMultiValue(GPDataType.FEATURE_RECORD_SET_LAYER, List.of(featureSet())));
        ParameterDefinition table = ParameterDefinition.requiredInput("T", GPDataType.VALUE_TABLE)
                .withParameterInfos(List.of(ParameterDefinition.requiredInput("S", GPDataType.STRING),
                        ParameterDefinition.requiredInput("D", GPDataType.DOUBLE),
                        ParameterDefinition.requiredInput("U", GPDataType.LINEAR_UNIT)));
        List<GPValueTable.Column> columns = table.parameterInfos().stream()
                .map(p -> new GPValueTable.Column(p.name(), p.dataType())).toList();
        for (int i = 0; i < 200; i++) {
            List<List<GPValue>> rows = new ArrayList<>();
            for (int r = rnd.nextInt(4); r > 0; r--) {
                rows.add(java.util.Arrays.asList(new GPString(text()), rnd.nextBoolean() ? null : new GPDouble(number()),
                        rnd.nextBoolean() ? null : new GPLinearUnit(number(), LinearUnit.FEET)));
            }
            GPValueTable t = new GPValueTable(columns, rows);
            String json = GPValueCodec.toJson(t);
            assertThat(GPValueCodec.read(table.shape(), Json.parse("t", json))).as(json).isEqualTo(t);
        }
    }
}
