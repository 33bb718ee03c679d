package dev.dpiqa.evaluation;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;

/** Predicted score against MOS, with the fitted logistic and the metrics in the title, as a PNG. */
public final class ScatterPlot {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 640;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;

    private ScatterPlot() {
    }

    public static byte[] png(String title, double[] predicted, double[] mos, CorrelationReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(render(title, predicted, mos, report), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing PNG to memory", e);
        }
        return out.toByteArray();
    }

    public static BufferedImage render(String title, double[] predicted, double[] mos, CorrelationReport report) {
        Correlation.check(predicted, mos);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Axis x = Axis.of(predicted, LEFT, WIDTH - RIGHT);
            Axis y = Axis.of(mos, HEIGHT - BOTTOM, TOP);
            drawAxes(g, x, y);
            drawPoints(g, x, y, predicted, mos);
            drawMapping(g, x, y, report.mapping());
            drawLabels(g, title, report);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawAxes(Graphics2D g, Axis x, Axis y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double tick : x.ticks()) {
            int px = (int) x.toPixel(tick);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            String label = x.format(tick);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        for (double tick : y.ticks()) {
            int py = (int) y.toPixel(tick);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT, py, WIDTH - RIGHT, py);
            g.setColor(Color.DARK_GRAY);
            String label = y.format(tick);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    }

    private static void drawPoints(Graphics2D g, Axis x, Axis y, double[] predicted, double[] mos) {
        g.setColor(new Color(31, 119, 180, 150));
        for (int i = 0; i < predicted.length; i++) {
            g.fill(new Ellipse2D.Double(x.toPixel(predicted[i]) - 3, y.toPixel(mos[i]) - 3, 6, 6));
        }
    }

    private static void drawMapping(Graphics2D g, Axis x, Axis y, LogisticMapping mapping) {
        Path2D curve = new Path2D.Double();
        int steps = 200;
        for (int i = 0; i <= steps; i++) {
            double value = x.min() + (x.max() - x.min()) * i / steps;
            double py = Math.max(TOP, Math.min(HEIGHT - BOTTOM, y.toPixel(mapping.apply(value))));
            if (i == 0) {
                curve.moveTo(x.toPixel(value), py);
            } else {
                curve.lineTo(x.toPixel(value), py);
            }
        }
        g.setColor(new Color(214, 39, 40));
        g.setStroke(new BasicStroke(2f));
        g.draw(curve);
    }

    private static void drawLabels(Graphics2D g, String title, CorrelationReport r) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT,
                "n=%d  PLCC=%.4f  PLCC(logistic)=%.4f  SRCC=%.4f  KRCC=%.4f  RMSE(logistic)=%.3f",
                r.count(), r.plcc(), r.plccLogistic(), r.srcc(), r.krcc(), r.rmseLogistic()), LEFT, 50);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        String xLabel = "predicted score";
        g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT - g.getFontMetrics().stringWidth(xLabel)) / 2, HEIGHT - 25);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        String yLabel = "true MOS";
        g.drawString(yLabel, -(TOP + (HEIGHT - TOP - BOTTOM + g.getFontMetrics().stringWidth(yLabel)) / 2), 25);
        g.setTransform(saved);
    }

    /** A linear axis over the data's range padded by 5%, with 1-2-5 ticks. */
    private record Axis(double min, double max, double fromPixel, double toPixel, double step) {

        static Axis of(double[] values, double fromPixel, double toPixel) {
            double lo = Arrays.stream(values).min().orElseThrow();
            double hi = Arrays.stream(values).max().orElseThrow();
            double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.05, 1e-3);
            return new Axis(lo - pad, hi + pad, fromPixel, toPixel, niceStep((hi - lo + 2 * pad) / 6));
        }

        double toPixel(double value) {
            return fromPixel + (value - min) / (max - min) * (toPixel - fromPixel);
        }

        double[] ticks() {
            double first = Math.ceil(min / step) * step;
            int count = (int) Math.floor((max - first) / step) + 1;
            double[] ticks = new double[Math.max(count, 0)];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = first + i * step;
            }
            return ticks;
        }

        String format(double value) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }

        private static double niceStep(double rough) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double fraction = rough / magnitude;
            double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
            return nice * magnitude;
        }
    }
}
