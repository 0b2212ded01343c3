package io.gpjobs.map.internal;

import io.gpjobs.map.ResultMap;
import java.util.List;

/**
 * A loaded result map: its description and the data of each layer (same order). Immutable.
 *
 * @param map    the description
 * @param layers the layers' data, by id
 */
public record MapData(ResultMap map, List<LayerData> layers) {

    public MapData {
        layers = List.copyOf(layers);
    }
}
