package io.gpjobs.samples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.value.GPDataType;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads task inputs given on the command line as {@code name=value}. The value is what the REST API accepts as a
 * form field: a literal ({@code 345}, {@code true}, {@code NONE}) or JSON text
 * ({@code {"distance":500,"units":"esriMeters"}}); the engine decodes it by the parameter's data type.
 * {@code name=@file} reads the value from a UTF-8 file; {@code name=@@text} passes a value that starts with a
 * literal {@code @}. By the parameter's data type, when the task is known:
 * <ul>
 *   <li>a feature or record set from a file ({@code @file}, or a plain path to an existing file) is read as GeoJSON
 *       or Esri JSON, told by its content, and handed to the engine as Esri JSON ({@link GeoJson});
 *   <li>a data file or raster given as a plain path (or {@code @path}) becomes {@code {"url":"file:…"}} of that
 *       file, which must exist.
 * </ul>
 * Relative paths are resolved against the working folder.
 *
 * <p>Thread-safe (stateless).
 */
final class InputArguments {

    private InputArguments() {
    }

    /**
     * The inputs by parameter name, in the order given.
     *
     * @param operands the {@code name=value} arguments
     * @param baseDir  the folder relative {@code @file} paths are resolved against
     * @throws UsageException naming the argument when one has no {@code =} or an empty name, a name is given twice,
     *                        or an {@code @file} cannot be read
     */
    static Map<String, String> parse(List<String> operands, Path baseDir) {
        return parse(operands, baseDir, Map.of());
    }

    /**
     * As {@link #parse(List, Path)}, converting file inputs by the data types of {@code types} (parameter name to
     * data type; names not in it are passed as given).
     *
     * @throws UsageException also when a feature file is neither GeoJSON nor Esri JSON, or a file input names no file
     */
    static Map<String, String> parse(List<String> operands, Path baseDir, Map<String, GPDataType> types) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String op : operands) {
            int eq = op.indexOf('=');
            if (eq < 0) {
                throw new UsageException("input '" + op + "' is not name=value (e.g. Distance="
                        + "'{\"distance\":500,\"units\":\"esriMeters\"}' or Steps=20)");
            }
            String name = op.substring(0, eq).trim();
            if (name.isEmpty()) {
                throw new UsageException("input '" + op + "' has no parameter name before '='");
            }
            String value = op.substring(eq + 1);
            GPDataType type = types.get(name);
            GPDataType.Base base = type == null ? null : type.base();
            if (value.startsWith("@@")) {
                value = value.substring(1);
            } else if (base == GPDataType.Base.GPDataFile || base == GPDataType.Base.GPRasterDataLayer) {
                value = fileUrl(name, value, baseDir, base == GPDataType.Base.GPRasterDataLayer);
            } else if (base == GPDataType.Base.GPFeatureRecordSetLayer || base == GPDataType.Base.GPRecordSet) {
                if (value.startsWith("@") || isExistingPath(value, baseDir)) {
                    String file = value.startsWith("@") ? value.substring(1) : value;
                    value = FeatureFile.toEsriJson(readFile(name, file, baseDir), "input '" + name + "' (" + file
                            + ")");
                }
            } else if (value.startsWith("@")) {
                value = readFile(name, value.substring(1), baseDir);
            }
            if (inputs.putIfAbsent(name, value) != null) {
                throw new UsageException("input '" + name + "' is given twice");
            }
        }
        return Collections.unmodifiableMap(inputs);
    }

    /** A data file or raster input as {@code {"url":"file:…"}}, unless it already is JSON or a URL. */
    private static String fileUrl(String name, String value, Path baseDir, boolean raster) {
        String v = value.startsWith("@") ? value.substring(1) : value;
        if (v.startsWith("{") || v.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") && !v.matches("[A-Za-z]:[\\\\/].*")) {
            return v; // JSON or a URL (not a Windows drive path): the engine reads it
        }
        Path path;
        try {
            path = baseDir.resolve(v).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("input '" + name + "': '" + v + "' is not a valid path", e);
        }
        if (!Files.isRegularFile(path)) {
            throw new UsageException("input '" + name + "': no file '" + v + "'" + (Path.of(v).isAbsolute() ? ""
                    : " in " + baseDir));
        }
        ObjectNode url = JsonNodeFactory.instance.objectNode().put("url", path.toUri().toString());
        String fileName = path.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        if (raster && dot > 0) {
            url.put("format", fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
        return url.toString();
    }

    private static boolean isExistingPath(String value, Path baseDir) {
        if (value.isBlank() || value.startsWith("{") || value.startsWith("[")) {
            return false;
        }
        try {
            return Files.isRegularFile(baseDir.resolve(value));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String readFile(String name, String file, Path baseDir) {
        if (file.isBlank()) {
            throw new UsageException("input '" + name + "': '@' must be followed by a file name");
        }
        Path path;
        try {
            path = baseDir.resolve(file);
        } catch (InvalidPathException e) {
            throw new UsageException("input '" + name + "': '" + file + "' is not a valid path", e);
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new UsageException("input '" + name + "': file '" + path + "' does not exist", e);
        } catch (CharacterCodingException e) {
            throw new UsageException("input '" + name + "': file '" + path + "' is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UsageException("input '" + name + "': cannot read file '" + path + "': " + e, e);
        }
    }
}
