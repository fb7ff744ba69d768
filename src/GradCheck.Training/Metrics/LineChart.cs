using System.Globalization;
using System.Net;
using System.Text;

namespace GradCheck.Training.Metrics;

/// <summary>A named polyline; points with a NaN or infinite y are skipped (the line breaks there).</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Color">An SVG colour.</param>
/// <param name="Points">(x, y) pairs.</param>
/// <param name="Dashed">Whether to draw it dashed.</param>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

/// <summary>One plot area: a title, axis labels and its series.</summary>
/// <param name="Title">Panel title.</param>
/// <param name="XLabel">x-axis label.</param>
/// <param name="YLabel">y-axis label.</param>
/// <param name="Series">The lines.</param>
public sealed record ChartPanel(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series);

/// <summary>
/// Draws panels of line plots side by side as a standalone SVG document (no plotting package: SVG is text,
/// diffable and viewable in any browser). Axes get "nice" ticks (1, 2, 5 × 10^k); numbers use invariant culture.
/// </summary>
public static class LineChart
{
    private const double PanelWidth = 440;
    private const double PanelHeight = 320;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 56;
    private const double Bottom = 48;

    /// <summary>Renders the panels left to right under a common title.</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="panels">At least one panel.</param>
    public static string ToSvg(string title, IReadOnlyList<ChartPanel> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var width = PanelWidth * panels.Count;
        var height = PanelHeight + 24;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        for (var p = 0; p < panels.Count; p++)
        {
            DrawPanel(svg, panels[p], p * PanelWidth, 24);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void DrawPanel(StringBuilder svg, ChartPanel panel, double offsetX, double offsetY)
    {
        var points = panel.Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var (xMin, xMax) = points.Count == 0 ? (0.0, 1.0) : (points.Min(p => p.X), points.Max(p => p.X));
        var (yMin, yMax) = points.Count == 0 ? (0.0, 1.0) : (points.Min(p => p.Y), points.Max(p => p.Y));
        var xTicks = NiceTicks(xMin, xMax);
        var yTicks = NiceTicks(yMin, yMax);
        (xMin, xMax) = (Math.Min(xMin, xTicks[0]), Math.Max(xMax, xTicks[^1]));
        (yMin, yMax) = (Math.Min(yMin, yTicks[0]), Math.Max(yMax, yTicks[^1]));
        var plotLeft = offsetX + Left;
        var plotTop = offsetY + Top - 24;
        var plotWidth = PanelWidth - Left - Right;
        var plotHeight = PanelHeight - Top - Bottom;
        double X(double x) => plotLeft + ((x - xMin) / (xMax - xMin) * plotWidth);
        double Y(double y) => plotTop + plotHeight - ((y - yMin) / (yMax - yMin) * plotHeight);

        svg.Append(Invariant($"<text x=\"{plotLeft + (plotWidth / 2)}\" y=\"{plotTop - 8}\" text-anchor=\"middle\" font-size=\"12\">{Escape(panel.Title)}</text>\n"));
        svg.Append(Invariant($"<rect x=\"{plotLeft}\" y=\"{plotTop}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#444\"/>\n"));
        foreach (var t in yTicks)
        {
            var y = Y(t);
            svg.Append(Invariant($"<line x1=\"{plotLeft}\" y1=\"{y:0.##}\" x2=\"{plotLeft + plotWidth}\" y2=\"{y:0.##}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{plotLeft - 4}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{Format(t)}</text>\n"));
        }

        foreach (var t in xTicks)
        {
            var x = X(t);
            svg.Append(Invariant($"<line x1=\"{x:0.##}\" y1=\"{plotTop + plotHeight}\" x2=\"{x:0.##}\" y2=\"{plotTop + plotHeight + 4}\" stroke=\"#444\"/>"));
            svg.Append(Invariant($"<text x=\"{x:0.##}\" y=\"{plotTop + plotHeight + 16}\" text-anchor=\"middle\">{Format(t)}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{plotLeft + (plotWidth / 2)}\" y=\"{plotTop + plotHeight + 34}\" text-anchor=\"middle\">{Escape(panel.XLabel)}</text>\n"));
        svg.Append(Invariant($"<text transform=\"translate({offsetX + 14},{plotTop + (plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{Escape(panel.YLabel)}</text>\n"));

        var legendY = plotTop + 14;
        foreach (var series in panel.Series)
        {
            var dash = series.Dashed ? " stroke-dasharray=\"5,3\"" : "";
            foreach (var run in Runs(series.Points))
            {
                var path = string.Join(" ", run.Select(p => Invariant($"{X(p.X):0.##},{Y(p.Y):0.##}")));
                svg.Append(Invariant($"<polyline points=\"{path}\" fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"1.8\"{dash}/>\n"));
                if (run.Count == 1)
                {
                    svg.Append(Invariant($"<circle cx=\"{X(run[0].X):0.##}\" cy=\"{Y(run[0].Y):0.##}\" r=\"2.5\" fill=\"{series.Color}\"/>\n"));
                }
            }

            svg.Append(Invariant($"<line x1=\"{plotLeft + plotWidth - 150}\" y1=\"{legendY - 4}\" x2=\"{plotLeft + plotWidth - 130}\" y2=\"{legendY - 4}\" stroke=\"{series.Color}\" stroke-width=\"2\"{dash}/>"));
            svg.Append(Invariant($"<text x=\"{plotLeft + plotWidth - 125}\" y=\"{legendY}\">{Escape(series.Name)}</text>\n"));
            legendY += 15;
        }
    }

    private static List<List<(double X, double Y)>> Runs(IReadOnlyList<(double X, double Y)> points)
    {
        var runs = new List<List<(double X, double Y)>> { new() };
        foreach (var p in points)
        {
            if (double.IsFinite(p.X) && double.IsFinite(p.Y))
            {
                runs[^1].Add(p);
            }
            else if (runs[^1].Count > 0)
            {
                runs.Add([]);
            }
        }

        return runs.Where(r => r.Count > 0).ToList();
    }

    /// <summary>Ticks at 1, 2 or 5 × 10^k covering [min, max] with about five intervals.</summary>
    internal static double[] NiceTicks(double min, double max)
    {
        if (max <= min)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        var raw = (max - min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        // integer multiples of the step, widened by one where rounding puts the end tick inside the range
        var firstIndex = (long)Math.Floor(min / step);
        if (firstIndex * step > min)
        {
            firstIndex--;
        }

        var lastIndex = (long)Math.Ceiling(max / step);
        if (lastIndex * step < max)
        {
            lastIndex++;
        }

        var ticks = new List<double>();
        for (var k = firstIndex; k <= lastIndex; k++)
        {
            ticks.Add(k * step);
        }

        return [.. ticks];
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
