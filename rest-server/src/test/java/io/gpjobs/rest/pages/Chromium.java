package io.gpjobs.rest.pages;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium from the distribution (Debian's {@code chromium}; {@code bash .ci/chromium.sh install}), run
 * once per call with a fresh profile and the flags that keep it from contacting anything but the page's host.
 * The binary is {@code GPJOBS_CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the PATH; when none is
 * found the test fails (never skips) saying how to install it.
 */
final class Chromium {
    static final String HOW_TO_INSTALL = "headless Chromium is not installed: run `bash .ci/chromium.sh install` "
            + "(Debian's chromium package) or set GPJOBS_CHROMIUM to a Chromium binary";
    private static final long TIMEOUT_S = 90;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The installed Chromium. */
    static Chromium find() {
        String env = System.getenv("GPJOBS_CHROMIUM");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isExecutable(p)) {
                throw new AssertionError(HOW_TO_INSTALL + " (GPJOBS_CHROMIUM=" + env + " is not executable)");
            }
            return new Chromium(p);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new Chromium(p);
                }
            }
        }
        throw new AssertionError(HOW_TO_INSTALL);
    }

    /** The DOM after the page at {@code url} loaded and ran (Chromium's {@code --dump-dom}). */
    String dumpDom(URI url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url.toString()));
    }

    /** Takes a screenshot of the page at {@code url} into {@code png}, {@code width} x {@code height} pixels. */
    void screenshot(URI url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(List.of("--window-size=" + width + "," + height, "--hide-scrollbars",
                "--screenshot=" + png.toAbsolutePath(), url.toString()));
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("Chromium wrote no screenshot to " + png);
        }
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("gpjobs-chromium");
        try {
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-default-apps",
                    "--disable-extensions", "--user-data-dir=" + profile, "--virtual-time-budget=1500"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("Chromium did not finish within " + TIMEOUT_S + " s: " + cmd);
            }
            String stdout = new String(out.join(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("Chromium exited with " + p.exitValue() + ": "
                        + new String(err.join(), StandardCharsets.UTF_8));
            }
            return stdout;
        } finally {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
