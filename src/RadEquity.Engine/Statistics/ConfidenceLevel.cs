using System.Globalization;

namespace RadEquity.Engine.Statistics;

/// <summary>
/// One of the two-sided confidence levels the engine reports: 90, 95 (the default), 99 and 99.8%. The standard
/// normal quantile <see cref="Z"/> = Φ⁻¹(1 − α/2) is computed with Wichura's algorithm AS241
/// (Applied Statistics 1988;37:477-484), accurate to about 1e-16; for 95%, z = 1.959964.
/// </summary>
public sealed class ConfidenceLevel
{
    private ConfidenceLevel(double percent)
    {
        Percent = percent;
        Alpha = (100.0 - percent) / 100.0;
        Z = NormalDistribution.InverseCdf(1.0 - (Alpha / 2.0));
    }

    /// <summary>90% (z = 1.644854).</summary>
    public static ConfidenceLevel Ninety { get; } = new(90.0);

    /// <summary>95%, the default (z = 1.959964).</summary>
    public static ConfidenceLevel NinetyFive { get; } = new(95.0);

    /// <summary>99% (z = 2.575829).</summary>
    public static ConfidenceLevel NinetyNine { get; } = new(99.0);

    /// <summary>99.8% (z = 3.090232).</summary>
    public static ConfidenceLevel NinetyNinePointEight { get; } = new(99.8);

    /// <summary>Every supported level, lowest first.</summary>
    public static IReadOnlyList<ConfidenceLevel> All { get; } =
        Array.AsReadOnly([Ninety, NinetyFive, NinetyNine, NinetyNinePointEight]);

    /// <summary>The level in percent, e.g. 95.</summary>
    public double Percent { get; }

    /// <summary>The two-sided error rate, 1 − level (0.05 for 95%).</summary>
    public double Alpha { get; }

    /// <summary>The standard normal quantile Φ⁻¹(1 − α/2).</summary>
    public double Z { get; }

    /// <summary>The supported level for <paramref name="percent"/> (90, 95, 99 or 99.8).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Any other value.</exception>
    public static ConfidenceLevel FromPercent(double percent) =>
        All.FirstOrDefault(level => Math.Abs(level.Percent - percent) < 1e-9)
        ?? throw new ArgumentOutOfRangeException(nameof(percent), percent, "Supported confidence levels are 90, 95, 99 and 99.8%.");

    /// <inheritdoc />
    public override string ToString() => Percent.ToString(CultureInfo.InvariantCulture) + "%";
}
