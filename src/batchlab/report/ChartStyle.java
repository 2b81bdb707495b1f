package batchlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** The look every report chart shares, and the one way they are encoded (PNG). */
final class ChartStyle {

  static final String TIME_AXIS = "seconds since first submit";
  static final int WIDTH = 1000;

  static final Color RUNNABLE = new Color(0xF2, 0xA5, 0x41);
  static final Color RUNNING = new Color(0x2E, 0x86, 0xAB);
  static final Color FAILED = new Color(0xC8, 0x3E, 0x4D);
  static final Color INSTANCES = new Color(0x44, 0x44, 0x44);
  static final Color PREDICTED = new Color(0x7A, 0x7A, 0x7A);

  private ChartStyle() {}

  /** An XY chart with a time axis in seconds, a legend below the plot and no decoration noise. */
  static XYChart newTimeChart(String title, String yAxisTitle, int height) {
    XYChart chart = new XYChartBuilder()
        .width(WIDTH).height(height).title(title).xAxisTitle(TIME_AXIS).yAxisTitle(yAxisTitle).build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(new Color(0xBB, 0xBB, 0xBB));
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartPadding(12);
    styler.setXAxisMin(0.0);
    styler.setAntiAlias(true);
    return chart;
  }

  /** Seconds from {@code origin} to {@code time}, with millisecond precision. */
  static double secondsSince(Instant origin, Instant time) {
    return Duration.between(origin, time).toMillis() / 1000.0;
  }

  /** A solid line of the given width with square ends, so bars meet exactly where states change. */
  static BasicStroke bar(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
  }

  /**
   * PNG bytes of the chart. Encoded through an in-memory image stream: ImageIO's default file-cached
   * stream registers a JVM shutdown hook on first use, which fails while the JVM is shutting down,
   * exactly when a Ctrl-C'd experiment writes its partial report.
   */
  static byte[] png(XYChart chart) {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode chart '" + chart.getTitle() + "' as PNG", e);
    }
    return bytes.toByteArray();
  }
}
