package io.gpjobs.rest.pages;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Finds an image inside a screenshot, pixel for pixel (within a small tolerance for colour conversion). */
final class Pixels {
    private static final int TOLERANCE = 6;

    private Pixels() {
    }

    /**
     * Where {@code image} appears in {@code screen} (its top-left corner), or null. Compares up to 400 of the
     * image's pixels that differ from its top-left one (the background); all must match. Fails when the image is
     * uniform, which would match anywhere.
     */
    static Point find(BufferedImage screen, BufferedImage image) {
        int bg = image.getRGB(0, 0);
        List<int[]> samples = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (!close(image.getRGB(x, y), bg)) {
                    samples.add(new int[] {x, y});
                }
            }
        }
        if (samples.isEmpty()) {
            throw new AssertionError("the image is one colour: nothing was drawn");
        }
        int stride = Math.max(1, samples.size() / 400);
        int[] first = samples.get(0);
        int firstRgb = image.getRGB(first[0], first[1]);
        for (int sy = first[1]; sy <= screen.getHeight() - image.getHeight() + first[1]; sy++) {
            for (int sx = first[0]; sx <= screen.getWidth() - image.getWidth() + first[0]; sx++) {
                if (!close(screen.getRGB(sx, sy), firstRgb)) {
                    continue;
                }
                int ox = sx - first[0];
                int oy = sy - first[1];
                if (close(screen.getRGB(ox, oy), bg) && matches(screen, image, samples, stride, ox, oy)) {
                    return new Point(ox, oy);
                }
            }
        }
        return null;
    }

    private static boolean matches(BufferedImage screen, BufferedImage image, List<int[]> samples, int stride,
                                   int ox, int oy) {
        for (int i = 0; i < samples.size(); i += stride) {
            int[] p = samples.get(i);
            if (!close(screen.getRGB(ox + p[0], oy + p[1]), image.getRGB(p[0], p[1]))) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
