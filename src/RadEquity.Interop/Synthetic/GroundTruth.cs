using System.Text.Encodings.Web;
using System.Text.Json;

namespace RadEquity.Interop.Synthetic;

/// <summary>
/// Expected rates per group, summed from each patient's own probabilities (not from the random draws), so a
/// correct engine run on the export should recover them within sampling error. Written to ground-truth.json.
/// </summary>
internal sealed class GroundTruth
{
    public const int Mammography = 0;
    public const int Colorectal = 1;
    public const int Lung = 2;
    public const int MammographyFollowUp = 3;
    public const int LungFollowUp = 4;
    public const int NoShow = 5;

    private static readonly (string Name, string Unit, string Definition)[] Effects =
    [
        ("mammography-2y", "patient",
            "Women aged 50-74 on asOf, without bilateral mastectomy, hospice or palliative care: a mammogram (LOINC Mammography value set) performed in the 2 years before asOf."),
        ("colorectal-up-to-date", "patient",
            "Adults aged 50-75 on asOf, without total colectomy, colorectal cancer, hospice or palliative care: colonoscopy within 9 years, flexible sigmoidoscopy or CT colonography within 4 years, sDNA-FIT within 2 years, or FIT/FOBT within 1 year of asOf."),
        ("lung-ldct-1y", "patient",
            "USPSTF-eligible adults (50-80, >= 20 pack-years, current smoker or quit within 15 years of asOf), without hospice or palliative care: low-dose CT (CPT 71271) in the year before asOf."),
        ("mammography-follow-up", "abnormal screening mammogram",
            "Screening mammograms with BI-RADS 0, 4 or 5 performed at least 14 + maxExtraDelayDays days before asOf: recommended follow-up (diagnostic mammogram for 0, biopsy CPT 19081 for 4/5) completed; expectedMeanDelayDays is screen-to-follow-up among completed."),
        ("lung-follow-up", "positive screening LDCT",
            "Screening LDCTs with Lung-RADS 3, 4A, 4B or 4X performed at least target + maxExtraDelayDays days before asOf (targets 180, 90, 30, 30 days): follow-up LDCT (3, 4A) or chest CT CPT 71250 (4B, 4X) completed."),
        ("imaging-no-show", "imaging appointment not cancelled",
            "Imaging appointments with status noshow among appointments with status noshow or fulfilled."),
    ];

    private readonly string[][] _levels;
    private readonly double[][][] _n;
    private readonly double[][][] _num;
    private readonly double[][][] _den;
    private readonly double[][][] _delay;

    public GroundTruth(Factors factors)
    {
        _levels = [.. factors.LevelKeys, ["all"]];
        _n = Alloc();
        _num = Alloc();
        _den = Alloc();
        _delay = Alloc();
    }

    /// <summary>Adds one unit with expected numerator <paramref name="numerator"/> over weight
    /// <paramref name="denominator"/>, and (for follow-ups) the expected delay when completed.</summary>
    public void Add(int effect, SyntheticPatient p, double numerator, double denominator = 1, double delayDays = 0)
    {
        for (var s = 0; s <= p.Levels.Length; s++)
        {
            var l = s < p.Levels.Length ? p.Levels[s] : 0;
            _n[effect][s][l] += 1;
            _num[effect][s][l] += numerator;
            _den[effect][s][l] += denominator;
            _delay[effect][s][l] += numerator * delayDays;
        }
    }

    public void Write(Stream stream, string profileVersion, int seed, DateOnly asOf, long patients)
    {
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        j.WriteStartObject();
        j.WriteString("profileVersion", profileVersion);
        j.WriteNumber("seed", seed);
        j.WriteString("asOf", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        j.WriteNumber("patients", patients);
        j.WriteStartArray("effects");
        for (var e = 0; e < Effects.Length; e++)
        {
            j.WriteStartObject();
            j.WriteString("effect", Effects[e].Name);
            j.WriteString("unit", Effects[e].Unit);
            j.WriteString("definition", Effects[e].Definition);
            j.WriteStartArray("strata");
            for (var s = 0; s < _levels.Length; s++)
            {
                j.WriteStartObject();
                j.WriteString("stratifier", s < Factors.Stratifiers.Length ? Factors.Stratifiers[s] : "overall");
                j.WriteStartArray("levels");
                for (var l = 0; l < _levels[s].Length; l++)
                {
                    if (_n[e][s][l] == 0)
                    {
                        continue;
                    }

                    j.WriteStartObject();
                    j.WriteString("level", _levels[s][l]);
                    j.WriteNumber("n", (long)_n[e][s][l]);
                    j.WriteNumber("expectedRate", Math.Round(_num[e][s][l] / _den[e][s][l], 6));
                    if (e is MammographyFollowUp or LungFollowUp && _num[e][s][l] > 0)
                    {
                        j.WriteNumber("expectedMeanDelayDays", Math.Round(_delay[e][s][l] / _num[e][s][l], 2));
                    }

                    j.WriteEndObject();
                }

                j.WriteEndArray();
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
    }

    private double[][][] Alloc() =>
        Enumerable.Range(0, Effects.Length).Select(_ => _levels.Select(l => new double[l.Length]).ToArray()).ToArray();
}
