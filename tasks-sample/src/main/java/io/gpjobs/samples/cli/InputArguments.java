package io.gpjobs.samples.cli;

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
import java.util.Map;

/**
 * Reads task inputs given on the command line as {@code name=value}. The value is what the REST API accepts as a
 * form field: a literal ({@code 345}, {@code true}, {@code NONE}) or JSON text
 * ({@code {"distance":500,"units":"esriMeters"}}); the engine decodes it by the parameter's data type.
 * {@code name=@file} reads the value from a UTF-8 file (handy for feature sets); {@code name=@@text} passes a value
 * that starts with a literal {@code @}.
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
            if (value.startsWith("@@")) {
                value = value.substring(1);
            } else if (value.startsWith("@")) {
                value = readFile(name, value.substring(1), baseDir);
            }
            if (inputs.putIfAbsent(name, value) != null) {
                throw new UsageException("input '" + name + "' is given twice");
            }
        }
        return Collections.unmodifiableMap(inputs);
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
