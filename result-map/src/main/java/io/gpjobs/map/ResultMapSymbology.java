package io.gpjobs.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a task implements, beside {@link io.gpjobs.spi.Task}, to define how the result map draws its outputs, as a
 * service author does when publishing with "view results with a map service".
 *
 * <p>The drawing info is Esri JSON as a map service layer states it: {@code {"renderer":{…},"transparency":n}}
 * with a {@code simple}, {@code uniqueValue} or {@code classBreaks} renderer and Esri symbols ({@code esriSMS},
 * {@code esriSLS}, {@code esriSFS}; colours {@code [r,g,b,a]}). A class-breaks renderer on a raster output classes
 * its cell values (its {@code field} is then ignored). The result map serves it as the layer's
 * {@code drawingInfo}, draws {@code export} with it and builds the legend from it; outputs without one are drawn
 * with a default symbol per geometry type.
 *
 * <p>Labels are Esri's {@code labelingInfo} in the same drawing info (a renderer may then be left out for the
 * default symbols): {@code [{"labelExpression":"[POINT_COUNT]","labelPlacement":
 * "esriServerPolygonPlacementAlwaysHorizontal","symbol":{"type":"esriTS","color":[0,0,0,255],"haloColor":
 * [255,255,255,255],"haloSize":1.5,"font":{"family":"SansSerif","size":10,"weight":"bold"}}}]}. A label expression
 * joins {@code [FIELD]} references and {@code "text"} with {@code &} or {@code +}; a class may also have a
 * {@code where} clause and {@code minScale}/{@code maxScale}. Points take the {@code esriServerPointLabelPlacement…}
 * placements (default above right), lines the {@code esriServerLinePlacement…} ones (drawn horizontally at the
 * line's middle), polygons {@code esriServerPolygonPlacementAlwaysHorizontal} (inside, at the widest part). They
 * are served under {@code drawingInfo.labelingInfo} and drawn by {@code export} over every layer; a label that would
 * overlap one already drawn is left out.
 *
 * <p>Implementations must be thread-safe and return the same answer for a parameter every time.
 */
public interface ResultMapSymbology {

    /**
     * The drawing info of an output parameter.
     *
     * @param outputParameter the output parameter's name; not null
     * @return its drawing info, or empty for the default symbology
     */
    Optional<JsonNode> drawingInfo(String outputParameter);
}
