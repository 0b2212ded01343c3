package io.gpjobs.map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPEngine;
import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobInfo;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.map.internal.Identifier;
import io.gpjobs.map.internal.LayerData;
import io.gpjobs.map.internal.Legend;
import io.gpjobs.map.internal.MapData;
import io.gpjobs.map.internal.MapLoader;
import io.gpjobs.map.internal.MapRenderer;
import io.gpjobs.map.internal.MapScale;
import io.gpjobs.map.internal.QueryRunner;
import io.gpjobs.map.internal.Symbology;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result map service of an engine's GP services: for a service with {@code resultMapServer} on, every
 * succeeded asynchronous job has a dynamic map ({@code …/MapServer/jobs/<jobId>}) with one layer per geodata output
 * in output-parameter order — {@code GPFeatureRecordSetLayer} (feature layer), {@code GPRasterDataLayer} (raster
 * layer: an ESRI ASCII grid among the job's files, e.g. {@code {"url":"scratch/grid.asc"}}), {@code GPRecordSet}
 * (table), and {@code GPString} values naming a geodataset file of the job ({@code .asc} grid or {@code .json} Esri
 * feature set); scalar outputs get no layer. The map lives exactly as long as the job: it is read from the job's
 * results and files in the job's store (disk or Azure), so deleting the job or its cleanup after
 * {@code maxFileAge} removes it.
 *
 * <p>The operations mirror the map service resources: {@link #map} (the service), {@link #layerJson} (a layer),
 * {@link #legend}, {@link #query}, {@link #identify} and {@link #exportPng}; {@link LayerQuery#fromRequest},
 * {@link IdentifyRequest#fromRequest} and {@link ExportRequest#fromRequest} read their REST parameters.
 *
 * <p>Queries take a where clause in a parsed SQL subset (comparisons, {@code AND}/{@code OR}/{@code NOT},
 * {@code IN}, {@code LIKE}, {@code BETWEEN}, {@code IS [NOT] NULL}, {@code UPPER}/{@code LOWER}, {@code DATE}
 * literals) that is never evaluated as code. Layers whose output has a date field are time-aware (the first date
 * field is the time field) and take a time filter in query, identify and export (rows without a time are then left
 * out); the filter is ignored by layers that are not time-aware.
 *
 * <p>Thread-safe. Loaded maps are kept in a small least-recently-used cache, but every call first checks the job
 * (existence, access policy, status) with the engine, so a deleted job's map is gone at once. Methods with a
 * {@code principal} check it against the engine's access policy (null is anonymous).
 */
public final class ResultMapService {

    /** Most maps kept loaded, and most rows plus raster cells (a rough memory bound) over all of them. */
    private static final int CACHE_MAPS = 16;
    private static final long CACHE_WEIGHT = 8_000_000L;

    private final GPEngine engine;
    /** Guarded by itself; access-ordered, so the eldest entry is the least recently used. */
    private final LinkedHashMap<String, MapData> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedWeight;

    private ResultMapService(GPEngine engine) {
        this.engine = engine;
    }

    /**
     * The result map service of {@code engine}'s jobs. The drawing info of every task of a service with a result map
     * ({@link ResultMapSymbology}) is read here, so a renderer the map could not draw fails the host at start rather
     * than every map request later.
     *
     * @throws IllegalArgumentException naming the service, task and output whose drawing info is not understood
     */
    public static ResultMapService of(GPEngine engine) {
        Objects.requireNonNull(engine, "engine");
        for (String name : engine.serviceNames()) {
            GPService service = engine.service(name);
            if (!service.resultMapServer()) {
                continue;
            }
            for (Task task : service.tasks().values()) {
                if (task instanceof ResultMapSymbology author) {
                    for (ParameterDefinition p : task.definition().outputs()) {
                        try {
                            author.drawingInfo(p.name()).ifPresent(info -> Symbology.parse(info, p.name(), null));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("service '" + name + "', task '"
                                    + task.definition().name() + "': " + e.getMessage(), e);
                        }
                    }
                }
            }
        }
        return new ResultMapService(engine);
    }

    /**
     * The result map of a job: its layers and their descriptions ({@link ResultMap#json()} is the map service JSON).
     *
     * @throws InvalidInputException malformed job id
     * @throws JobNotFoundException  unknown (deleted, cleaned up) job
     * @throws GPException           400 "Result map not available." when the service has no result map service, is
     *                               synchronous, or the job did not succeed (the detail says which); 403 refused
     */
    public ResultMap map(String jobId) {
        return map(jobId, null);
    }

    /** {@link #map(String)} on behalf of {@code principal}. */
    public ResultMap map(String jobId, String principal) {
        return data(jobId, principal).map();
    }

    /**
     * The layer resource JSON of layer {@code layerId} ({@code …/MapServer/jobs/<jobId>/<layerId>}): a feature or
     * raster layer has its {@code drawingInfo} (the author's renderer, with the author's {@code labelingInfo} when
     * labels are defined, as Esri serves it) and {@code hasLabels}.
     *
     * @throws GPException 404 when the map has no such layer; as {@link #map(String)}
     */
    public ObjectNode layerJson(String jobId, int layerId) {
        return layerJson(jobId, layerId, null);
    }

    /** {@link #layerJson(String, int)} on behalf of {@code principal}. */
    public ObjectNode layerJson(String jobId, int layerId, String principal) {
        MapData d = data(jobId, principal);
        LayerData layer = QueryRunner.layer(d, layerId);
        ObjectNode json = layer.layer().json(d.map().maxRecordCount());
        if (layer.layer().type() != LayerType.TABLE) {
            json.set("drawingInfo", layer.symbology().json()); // the author's renderer and labels, or the default
            json.put("hasLabels", layer.symbology().json().path("labelingInfo").size() > 0);
        }
        return json;
    }

    /**
     * The legend resource JSON ({@code …/MapServer/jobs/<jobId>/legend}): per feature or raster layer its swatches
     * as base64 PNG (a raster's labelled with its high and low values); tables have none.
     *
     * @throws GPException as {@link #map(String)}
     */
    public ObjectNode legend(String jobId) {
        return legend(jobId, null);
    }

    /** {@link #legend(String)} on behalf of {@code principal}. */
    public ObjectNode legend(String jobId, String principal) {
        return Legend.json(data(jobId, principal));
    }

    /**
     * Queries layer {@code layerId} of a job's result map.
     *
     * @return a feature set {@code {"objectIdFieldName","geometryType","spatialReference","fields","features",
     *         "exceededTransferLimit"}} (no geometry type or spatial reference for a table), or {@code {"count":n}}
     *         when {@link LayerQuery#returnCountOnly()}; at most the service's {@code maximumRecords} features,
     *         {@code exceededTransferLimit} true when more matched after the returned page
     * @throws InvalidWhereClauseException 400 when the where clause is invalid (naming the token and position)
     * @throws InvalidInputException       unknown outFields, or an envelope in a spatial reference that does not
     *                                     convert to the layer's
     * @throws GPException                 404 no such layer; 400 a raster layer; as {@link #map(String)}
     */
    public ObjectNode query(String jobId, int layerId, LayerQuery query) {
        return query(jobId, layerId, query, null);
    }

    /** {@link #query(String, int, LayerQuery)} on behalf of {@code principal}. */
    public ObjectNode query(String jobId, int layerId, LayerQuery query, String principal) {
        Objects.requireNonNull(query, "query");
        return QueryRunner.query(data(jobId, principal), layerId, query);
    }

    /**
     * Identifies what lies at a point of a job's result map: features of feature layers within the tolerance (a
     * polygon containing the point counts) and the cell value of raster layers ({@code "Pixel Value"}, {@code NoData}
     * on no-data cells), layer by layer, at most {@code maximumRecords} results.
     *
     * @return {@code {"results":[{"layerId","layerName","displayFieldName","value","attributes","geometryType",
     *         "geometry"}]}} (raster results have neither geometry type nor geometry)
     * @throws InvalidInputException unknown layer ids, or a point in a spatial reference that does not convert to
     *                               the layers'
     * @throws GPException           as {@link #map(String)}
     */
    public ObjectNode identify(String jobId, IdentifyRequest request) {
        return identify(jobId, request, null);
    }

    /** {@link #identify(String, IdentifyRequest)} on behalf of {@code principal}. */
    public ObjectNode identify(String jobId, IdentifyRequest request, String principal) {
        Objects.requireNonNull(request, "request");
        return Identifier.identify(data(jobId, principal), request);
    }

    /**
     * Exports a PNG of a job's result map: the bbox mapped onto the image, layer 0 on top, each layer drawn with the
     * symbology its task defines ({@link ResultMapSymbology}) or else a default per geometry type (red points, blue
     * lines, green polygons, rasters with a yellow-to-red colour ramp over their value range), antialiasing off;
     * then the labels the task defines; then, when {@link ExportRequest#scaleBar()} or
     * {@link ExportRequest#northArrow()} asks, a scale bar (bottom left) and a north arrow (top right). Identical
     * requests give identical bytes.
     *
     * @throws InvalidInputException unknown layer ids, or a bbox in a spatial reference that does not convert to the
     *                               layers' (any two EPSG or ESRI wkids convert, see {@link Reprojection}); a scale
     *                               bar or north arrow asked of a map without a known spatial reference (naming
     *                               {@code scaleBar} or {@code northArrow})
     * @throws GPException           as {@link #map(String)}
     */
    public byte[] exportPng(String jobId, ExportRequest request) {
        return exportPng(jobId, request, null);
    }

    /** {@link #exportPng(String, ExportRequest)} on behalf of {@code principal}. */
    public byte[] exportPng(String jobId, ExportRequest request, String principal) {
        Objects.requireNonNull(request, "request");
        return MapRenderer.png(data(jobId, principal), request);
    }

    /**
     * The scale of an export as ArcGIS states it in the export's JSON ({@code scale}): the denominator of 1 : n at
     * 96 dpi, from the ground distance a pixel spans at the map's centre on the WGS 84 ellipsoid.
     *
     * @param principal the caller, or null for anonymous
     * @return the scale denominator, or 0 when the map has no spatial reference with a known wkid
     * @throws GPException as {@link #map(String)}
     */
    public double scale(String jobId, ExportRequest request, String principal) {
        Objects.requireNonNull(request, "request");
        MapData d = data(jobId, principal);
        try {
            return MapScale.of(request.bbox(), d.map().spatialReference(), request.width(), request.height(), "bbox")
                    .scale();
        } catch (InvalidInputException unknown) {
            return 0;
        }
    }

    private MapData data(String jobId, String principal) {
        JobInfo job = MapLoader.check(engine, jobId, principal);
        MapData d;
        synchronized (cache) {
            d = cache.get(jobId);
        }
        if (d == null) {
            d = MapLoader.load(engine, job, principal);
            remember(jobId, d);
        }
        return d;
    }

    private void remember(String jobId, MapData d) {
        long w = weight(d);
        if (w > CACHE_WEIGHT) {
            return; // too big to keep: loaded again on each call
        }
        synchronized (cache) {
            MapData old = cache.put(jobId, d);
            cachedWeight += w - (old == null ? 0 : weight(old));
            Iterator<Map.Entry<String, MapData>> it = cache.entrySet().iterator();
            while ((cache.size() > CACHE_MAPS || cachedWeight > CACHE_WEIGHT) && it.hasNext()) {
                Map.Entry<String, MapData> eldest = it.next();
                if (!eldest.getKey().equals(jobId)) {
                    cachedWeight -= weight(eldest.getValue());
                    it.remove();
                }
            }
        }
    }

    private static long weight(MapData d) {
        long w = 1;
        for (LayerData l : d.layers()) {
            w += l.rows().size() + (l.grid() == null ? 0 : l.grid().values().length);
        }
        return w;
    }
}
