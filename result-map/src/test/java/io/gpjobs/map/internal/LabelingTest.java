package io.gpjobs.map.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.LayerType;
import io.gpjobs.map.MapLayer;
import io.gpjobs.map.ResultMap;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPField;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.SpatialReference;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Labels from the author's labelingInfo: parsed strictly, worded from fields, drawn beside their feature. */
class LabelingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SpatialReference WGS84 = SpatialReference.ofWkid(4326);
    private static final Envelope BBOX = new Envelope(0, 0, 100, 100, null);

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    private static String labels(String expression, String placement, String extra) {
        return "{\"renderer\":{\"type\":\"simple\",\"symbol\":{\"type\":\"esriSMS\",\"color\":[230,0,0,255],"
                + "\"size\":8}},\"labelingInfo\":[{\"labelExpression\":" + MAPPER.valueToTree(expression)
                + ",\"labelPlacement\":\"" + placement + "\"" + extra + ",\"symbol\":{\"type\":\"esriTS\","
                + "\"color\":[0,0,0,255],\"haloColor\":[255,255,255,255],\"haloSize\":1,\"font\":{\"size\":10}}}]}";
    }

    @Test
    void labelTextJoinsFieldsAndTextAndReadsFieldsIgnoringCase() throws Exception {
        Symbology s = Symbology.parse(json(labels("[NAME] & \" (\" + [n] & \")\"",
                "esriServerPointLabelPlacementAboveRight", "")), "Out", GeometryType.POINT);
        Labeling.LabelClass c = s.labeling().classes().get(0);
        assertThat(c.text(Map.of("NAME", "Oslo", "N", 12.0))).isEqualTo("Oslo (12)");
        Map<String, Object> none = new HashMap<>();
        none.put("NAME", null);
        assertThat(c.text(none)).isEmpty();
        assertThat(s.json().at("/labelingInfo/0/labelExpression").asText()).isEqualTo("[NAME] & \" (\" + [n] & \")\"");
        assertThat(c.font().getSize2D()).isEqualTo(10 * 96f / 72f);
    }

    @Test
    void labelsWithoutARendererKeepTheDefaultSymbols() throws Exception {
        Symbology s = Symbology.parse(json("{\"labelingInfo\":[{\"labelExpression\":\"[A]\",\"symbol\":"
                + "{\"type\":\"esriTS\",\"color\":[0,0,0,255]}}]}"), "Out", GeometryType.POLYGON);
        assertThat(s.symbolFor(Map.of()).color()).isEqualTo(MapRenderer.FILL);
        assertThat(s.labeling().classes().get(0).placement()).isEqualTo("esriServerPolygonPlacementAlwaysHorizontal");
        assertThat(s.json().at("/renderer/type").asText()).isEqualTo("simple");
        assertThat(s.json().at("/labelingInfo/0/labelExpression").asText()).isEqualTo("[A]");
    }

    @Test
    void whatIsNotUnderstoodIsRefusedNamingTheOutputAndTheValue() {
        assertThatThrownBy(() -> Symbology.parse(json(labels("NAME", "esriServerPointLabelPlacementAboveRight",
                "")), "Out", GeometryType.POINT)).hasMessageContaining("Out").hasMessageContaining("'NAME'");
        assertThatThrownBy(() -> Symbology.parse(json(labels("[NAME", "esriServerPointLabelPlacementAboveRight",
                "")), "Out", GeometryType.POINT)).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> Symbology.parse(json(labels("[A] &", "esriServerPointLabelPlacementAboveRight",
                "")), "Out", GeometryType.POINT)).hasMessageContaining("[A] &");
        assertThatThrownBy(() -> Symbology.parse(json(labels("[A]", "esriServerPointLabelPlacementAboveRight",
                "")), "Polys", GeometryType.POLYGON)).hasMessageContaining("Polys")
                .hasMessageContaining("esriServerPointLabelPlacementAboveRight")
                .hasMessageContaining("esriServerPolygonPlacementAlwaysHorizontal");
        assertThatThrownBy(() -> Symbology.parse(json("{\"labelingInfo\":[{\"labelExpressionInfo\":{\"expression\":"
                + "\"$feature.A\"},\"symbol\":{\"type\":\"esriTS\"}}]}"), "Out", GeometryType.POINT))
                .hasMessageContaining("labelExpressionInfo");
        assertThatThrownBy(() -> Symbology.parse(json("{\"labelingInfo\":[{\"labelExpression\":\"[A]\",\"symbol\":"
                + "{\"type\":\"esriSMS\"}}]}"), "Out", GeometryType.POINT)).hasMessageContaining("esriTS");
        assertThatThrownBy(() -> Symbology.parse(json("{\"labelingInfo\":{}}"), "Out", GeometryType.POINT))
                .hasMessageContaining("labelingInfo must be an array");
    }

    private static MapData points(Symbology s, List<double[]> at, List<String> names) {
        List<GPField> fields = List.of(new GPField("OBJECTID", FieldType.OID, "OBJECTID", null, null, null),
                new GPField("NAME", FieldType.STRING, "NAME", null, null, null));
        List<LayerData.Row> rows = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            Map<String, Object> a = new HashMap<>();
            a.put("OBJECTID", (long) i + 1);
            a.put("NAME", names.get(i));
            rows.add(new LayerData.Row(a, new Geometry.Point(at.get(i)[0], at.get(i)[1], null, null, WGS84), null));
        }
        MapLayer layer = new MapLayer(0, "Out", "Out", LayerType.FEATURE_LAYER, GeometryType.POINT, WGS84, fields,
                "OBJECTID", BBOX, null, null, rows.size());
        return new MapData(new ResultMap("j0", "S", "T", List.of(layer), WGS84, BBOX, 1000),
                List.of(new LayerData(layer, rows, null, s)));
    }

    /** Pixels darker than any symbol colour (text is black) in a box. */
    private static int dark(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                int rgb = img.getRGB(x, y);
                n += ((rgb >> 16) & 0xFF) < 80 && ((rgb >> 8) & 0xFF) < 80 && (rgb & 0xFF) < 80 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void aLabelIsDrawnNextToItsFeatureWhereThePlacementSays() throws Exception {
        // 200 x 200 px over 100 x 100 degrees: (25, 75) is pixel (50, 50), (75, 25) is pixel (150, 150)
        List<double[]> at = List.of(new double[] {25, 75}, new double[] {75, 25});
        ExportRequest req = ExportRequest.of(BBOX, 200, 200);
        Symbology plain = Symbology.parse(json("{\"renderer\":{\"type\":\"simple\",\"symbol\":{\"type\":\"esriSMS\","
                + "\"color\":[230,0,0,255],\"size\":8}}}"), "Out", GeometryType.POINT);
        BufferedImage without = MapRenderer.render(points(plain, at, List.of("Aa", "Bb")), req);
        assertThat(dark(without, 0, 0, 200, 200)).isZero();

        Symbology above = Symbology.parse(json(labels("[NAME]", "esriServerPointLabelPlacementAboveRight", "")),
                "Out", GeometryType.POINT);
        BufferedImage img = MapRenderer.render(points(above, at, List.of("Aa", "Bb")), req);
        // above right of each point: text; below left of it: nothing
        assertThat(dark(img, 52, 25, 90, 47)).isGreaterThan(15);
        assertThat(dark(img, 152, 125, 190, 147)).isGreaterThan(15);
        assertThat(dark(img, 10, 53, 48, 80)).isZero();
        assertThat(dark(img, 0, 0, 200, 200)).isEqualTo(dark(img, 52, 25, 90, 47) + dark(img, 152, 125, 190, 147));

        Symbology below = Symbology.parse(json(labels("[NAME]", "esriServerPointLabelPlacementBelowLeft", "")),
                "Out", GeometryType.POINT);
        BufferedImage low = MapRenderer.render(points(below, at, List.of("Aa", "Bb")), req);
        assertThat(dark(low, 10, 53, 48, 80)).isGreaterThan(15);
        assertThat(dark(low, 52, 25, 90, 47)).isZero();
    }

    @Test
    void aWhereClauseChoosesTheFeaturesAndOverlappingLabelsDropOut() throws Exception {
        List<double[]> at = List.of(new double[] {25, 75}, new double[] {75, 25});
        ExportRequest req = ExportRequest.of(BBOX, 200, 200);
        Symbology only = Symbology.parse(json(labels("[NAME]", "esriServerPointLabelPlacementAboveRight",
                ",\"where\":\"NAME = 'Bb'\"")), "Out", GeometryType.POINT);
        BufferedImage img = MapRenderer.render(points(only, at, List.of("Aa", "Bb")), req);
        assertThat(dark(img, 52, 25, 90, 47)).isZero();
        assertThat(dark(img, 152, 125, 190, 147)).isGreaterThan(15);

        // two points one pixel apart: the second label would cover the first, so only one is drawn
        Symbology centred = Symbology.parse(json(labels("[NAME]", "esriServerPointLabelPlacementCenterCenter", "")),
                "Out", GeometryType.POINT);
        int one = dark(MapRenderer.render(points(centred, List.of(new double[] {50, 50}), List.of("WWW")), req),
                0, 0, 200, 200);
        int two = dark(MapRenderer.render(points(centred, List.of(new double[] {50, 50}, new double[] {50.5, 50}),
                List.of("WWW", "WWW")), req), 0, 0, 200, 200);
        assertThat(one).isGreaterThan(15);
        assertThat(two).isEqualTo(one);
    }

    @Test
    void aPolygonsLabelPointIsInsideItEvenWhenItsCentreIsNot() {
        // a U shape: its bounding box centre (50, 40) is in the notch, outside the polygon
        List<double[]> u = List.of(new double[] {0, 0}, new double[] {100, 0}, new double[] {100, 80},
                new double[] {70, 80}, new double[] {70, 20}, new double[] {30, 20}, new double[] {30, 80},
                new double[] {0, 80});
        double[] p = LabelPainter.inside(List.of(u));
        boolean inArm = (p[0] > 0 && p[0] < 30 || p[0] > 70 && p[0] < 100) && p[1] > 0 && p[1] < 80;
        boolean inBase = p[1] > 0 && p[1] < 20 && p[0] > 0 && p[0] < 100;
        assertThat(inArm || inBase).as("label point %s,%s", p[0], p[1]).isTrue();
    }
}
