using System.Globalization;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>
/// The heat map's sequential scale: one hue (blue, from Okabe–Ito's sky blue family), lightness encoding the rate, kept
/// light enough that dark text stays above 4.5:1 contrast in every cell (so each cell can print its figure).
/// </summary>
internal static class HeatColour
{
    private static readonly (int R, int G, int B) Low = (0xF7, 0xFB, 0xFF);
    private static readonly (int R, int G, int B) High = (0x6B, 0xAE, 0xD6);

    public static string Of(double rate)
    {
        var t = double.IsNaN(rate) ? 0 : Math.Clamp(rate, 0, 1);
        int Mix(int a, int b) => (int)Math.Round(a + (b - a) * t, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(Low.R, High.R):X2}{Mix(Low.G, High.G):X2}{Mix(Low.B, High.B):X2}");
    }
}
