package io.gpjobs.samples.cli;

import io.gpjobs.GPEngine;
import io.gpjobs.GPException;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.ResultMap;
import io.gpjobs.map.ResultMapService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code map} command: prints a succeeded job's result map JSON and, with {@code --png}, draws the whole map
 * ({@value #WIDTH} px wide, height by the map's aspect ratio) into a PNG file, written atomically. Stateless.
 */
final class MapCommand {

    /** The width of the PNG, in pixels. */
    static final int WIDTH = 800;

    private MapCommand() {
    }

    /**
     * Runs the command.
     *
     * @param png the PNG file to write, or null to print the JSON only
     * @return {@link GpJobsCli#OK}
     * @throws GPException 400 when the job has no result map or it has nothing to draw; as the engine throws
     */
    static int run(Commands commands, GPEngine engine, String jobId, Path png) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // drawing needs no display
        }
        ResultMapService maps = ResultMapService.of(engine);
        ResultMap map = maps.map(jobId);
        commands.print(map.json());
        if (png != null) {
            draw(commands, maps, map, jobId, png);
        }
        return GpJobsCli.OK;
    }

    /**
     * Draws the whole result map of a succeeded job into a PNG file (written atomically), and says so on stderr.
     *
     * @return the absolute path of the PNG
     * @throws GPException 400 when the job has no result map or it has nothing to draw
     */
    static Path draw(Commands commands, GPEngine engine, String jobId, Path png) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // drawing needs no display
        }
        ResultMapService maps = ResultMapService.of(engine);
        return draw(commands, maps, maps.map(jobId), jobId, png);
    }

    private static Path draw(Commands commands, ResultMapService maps, ResultMap map, String jobId, Path png) {
        if (map.fullExtent() == null) {
            throw new GPException(400, "Nothing to draw.", List.of("the result map of job '" + jobId
                    + "' has no layer with an extent (" + map.layers().size() + " layer(s))"));
        }
        ExportRequest request = ExportRequest.fitting(map.fullExtent(), WIDTH);
        byte[] bytes = maps.exportPng(jobId, request);
        Path target = png.toAbsolutePath().normalize();
        try {
            Path parent = target.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // not createTempFile: its owner-only permissions would stick to the user's PNG
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PNG '" + target + "'", e);
        }
        commands.err().println("gpjobs: wrote the result map of job " + jobId + " (" + map.layers().size()
                + " layer(s), " + request.width() + " x " + request.height() + " px) to " + target);
        return target;
    }
}
