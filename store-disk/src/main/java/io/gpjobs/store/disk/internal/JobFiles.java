package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.StoredValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of one job folder: value files ({@code inputs/}, {@code results/}) and the job's own files
 * ({@code files/…}, and {@code scratch/…} for paths that start with {@code scratch/}).
 *
 * <p>Thread-safe (stateless apart from the write mode).
 */
final class JobFiles {

    private final AtomicFiles files;

    JobFiles(AtomicFiles files) {
        this.files = files;
    }

    /** Writes one file per value into a new {@code folder}. */
    void writeValues(Path folder, Map<String, StoredValue> values) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, StoredValue> v : values.entrySet()) {
            Files.write(folder.resolve(Names.valueFile(v.getKey())), RecordCodec.writeValue(v.getKey(), v.getValue()));
        }
    }

    /**
     * Replaces the value folder {@code name} of {@code dir}: the new folder is written under a temporary name and
     * swapped in with two renames; the caller holds the job's lock.
     */
    void replaceValues(Path dir, String name, Map<String, StoredValue> values) throws IOException {
        Path fresh = dir.resolve(Names.temp(name));
        Path old = dir.resolve(Names.temp(name + "-old"));
        Path target = dir.resolve(name);
        try {
            writeValues(fresh, values);
            files.syncTree(fresh);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            files.rename(fresh, target);
        } finally {
            AtomicFiles.deleteTree(fresh);
            AtomicFiles.deleteTree(old);
        }
    }

    /**
     * The values in {@code folder} by parameter name; empty when the folder does not exist. A value file that is
     * not a readable value (truncated, not JSON, not a file) is left out and added to {@code damaged}.
     */
    Map<String, StoredValue> readValues(Path folder, List<Path> damaged) throws IOException {
        Map<String, StoredValue> out = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.json")) {
            for (Path f : ds) {
                if (Names.isTransient(f.getFileName().toString())) {
                    continue;
                }
                try {
                    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        throw new RecordCodec.CorruptException("not a file", null);
                    }
                    String[] v = RecordCodec.readValue(Files.readAllBytes(f));
                    out.put(v[0], new StoredValue(v[1], v[2]));
                } catch (NoSuchFileException e) {
                    // replaced meanwhile: the caller holds the job's lock for results, so only inputs, which
                    // never change, could get here
                } catch (RecordCodec.CorruptException e) {
                    damaged.add(f);
                }
            }
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        return Map.copyOf(out);
    }

    /** Writes a job file atomically (complete or absent). */
    void write(Path dir, String path, String[] segments, InputStream content) throws IOException {
        Path target = resolve(dir, path, segments);
        Files.createDirectories(target.getParent());
        files.write(target, content);
    }

    /** Opens a job file, or empty when there is no regular file at that path. */
    Optional<InputStream> read(Path dir, String path, String[] segments) throws IOException {
        Path target = resolve(dir, path, segments);
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        // a task may leave symbolic links in its scratch folder: never follow one out of the job folder
        if (!target.toRealPath().startsWith(dir.toRealPath())) {
            throw new IllegalArgumentException("invalid relativePath '" + path
                    + "': it resolves to a file outside the job folder");
        }
        try {
            return Optional.of(Files.newInputStream(target));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The job's files, {@code files/} ones by their own path and scratch ones prefixed {@code scratch/}, sorted. */
    List<String> list(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        collect(dir.resolve(Names.FILES), "", out);
        collect(dir.resolve(Names.SCRATCH), Names.SCRATCH + "/", out);
        out.sort(null);
        return out;
    }

    private static void collect(Path base, String prefix, List<String> out) throws IOException {
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !Names.isTransient(file.getFileName().toString())) {
                    StringBuilder rel = new StringBuilder(prefix);
                    Path r = base.relativize(file);
                    for (int i = 0; i < r.getNameCount(); i++) {
                        rel.append(i == 0 ? "" : "/").append(r.getName(i));
                    }
                    out.add(rel.toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** Maps a checked relative path into the job folder: {@code scratch/…} to the scratch folder, the rest to files/. */
    private static Path resolve(Path dir, String path, String[] segments) {
        Path base;
        int from;
        if (segments[0].equals(Names.SCRATCH)) {
            if (segments.length == 1) {
                throw new IllegalArgumentException("invalid relativePath '" + path
                        + "': 'scratch' is the scratch folder; name a file inside it");
            }
            base = dir.resolve(Names.SCRATCH);
            from = 1;
        } else {
            base = dir.resolve(Names.FILES);
            from = 0;
        }
        Path target = base;
        for (int i = from; i < segments.length; i++) {
            target = target.resolve(segments[i]);
        }
        if (!target.normalize().startsWith(base)) {
            throw new IllegalArgumentException("invalid relativePath '" + path + "': it leaves the job folder");
        }
        return target;
    }
}
