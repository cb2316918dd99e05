namespace RadEquity.Interop.Synthetic;

/// <summary>
/// The stratifiers and their effect levels (payer, race, ethnicity, language, rurality, distance, age), and the
/// per-patient probabilities they imply. Screening probability is the payer's calibrated base times the other
/// factors' multipliers; follow-up completion, no-show and delay multiply every factor, payer included.
/// </summary>
internal sealed class Factors
{
    public static readonly string[] Stratifiers = ["payer", "race", "ethnicity", "language", "rurality", "distance", "age"];

    private readonly EffectLevel[][] _levels;
    private readonly ProfileData _profile;
    private double[][] _screeningBase = [];

    public Factors(ProfileData profile)
    {
        _profile = profile;
        var e = profile.Effects;
        _levels =
        [
            Ordered(e.Payer, GeneratorProfile.PayerKeys),
            Ordered(e.Race, profile.Demographics.Races.Select(r => r.Key)),
            Ordered(e.Ethnicity, GeneratorProfile.EthnicityKeys),
            Ordered(e.Language, GeneratorProfile.LanguageKeys),
            Ordered(e.Rurality, GeneratorProfile.RuralityKeys),
            [.. e.Distance],
            [.. e.Age],
        ];
    }

    /// <summary>Level keys per stratifier, in order.</summary>
    public string[][] LevelKeys => _levels.Select(l => l.Select(x => x.Key).ToArray()).ToArray();

    public int[] LevelsOf(int payer, int race, int ethnicity, string languageKey, bool rural, double km, int age)
    {
        var ethKey = _profile.Demographics.Ethnicities[ethnicity].Key;
        var distance = 0;
        while (km > _levels[5][distance].MaxKm)
        {
            distance++;
        }

        var ageLevel = 0;
        while (age > _levels[6][ageLevel].MaxAge)
        {
            ageLevel++;
        }

        return
        [
            payer, race, Array.IndexOf(GeneratorProfile.EthnicityKeys, ethKey),
            Array.IndexOf(GeneratorProfile.LanguageKeys, languageKey), rural ? 1 : 0, distance, ageLevel,
        ];
    }

    /// <summary>Sets each (measure, payer) base so that the payer group's mean probability among eligible
    /// patients equals the profile's target rate, using a fixed calibration sample (independent of the seed).</summary>
    public void Calibrate(PatientModel model, DateOnly asOf, int sampleSize)
    {
        var measures = GeneratorProfile.MeasureKeys.Length;
        var payers = GeneratorProfile.PayerKeys.Length;
        var sums = new double[measures, payers];
        var counts = new int[measures, payers];
        for (var i = 0; i < sampleSize; i++)
        {
            var rng = new Rng(20260101, -1 - i);
            var p = model.Draw(i, ref rng);
            var m = ScreeningMultiplier(p.Levels);
            for (var k = 0; k < measures; k++)
            {
                if (IsInMeasure(k, p, model))
                {
                    sums[k, p.Payer] += m;
                    counts[k, p.Payer]++;
                }
            }
        }

        _screeningBase = new double[measures][];
        for (var k = 0; k < measures; k++)
        {
            var target = _profile.Screening.First(s => s.Measure == GeneratorProfile.MeasureKeys[k]);
            _screeningBase[k] = new double[payers];
            for (var c = 0; c < payers; c++)
            {
                var rate = target.Rates.First(r => r.Payer == GeneratorProfile.PayerKeys[c]).Rate;
                var mean = counts[k, c] > 0 ? sums[k, c] / counts[k, c] : 1;
                _screeningBase[k][c] = mean > 0 ? rate / mean : rate;
            }
        }
    }

    /// <summary>Measure index 0 mammography (women 50-74), 1 colorectal (50-75), 2 lung (USPSTF eligible).</summary>
    public static bool IsInMeasure(int measure, SyntheticPatient p, PatientModel model) => measure switch
    {
        0 => p.Female && p.Age is >= 50 and <= 74,
        1 => p.Age is >= 50 and <= 75,
        _ => model.IsLungEligible(p),
    };

    public double ScreeningProbability(int measure, SyntheticPatient p) =>
        Math.Min(0.98, _screeningBase[measure][p.Payer] * ScreeningMultiplier(p.Levels));

    public double FollowUpProbability(SyntheticPatient p) =>
        Math.Min(0.99, _profile.FollowUp.Completion * Product(p.Levels, l => l.FollowUp, 0));

    public double NoShowProbability(SyntheticPatient p) =>
        Math.Min(0.45, _profile.Appointments.NoShow * Product(p.Levels, l => l.NoShow, 0));

    public double DelayMultiplier(SyntheticPatient p) => Product(p.Levels, l => l.Delay, 0);

    private double ScreeningMultiplier(int[] levels) => Product(levels, l => l.Screening, 1);

    private double Product(int[] levels, Func<EffectLevel, double> pick, int from)
    {
        var m = 1.0;
        for (var s = from; s < levels.Length; s++)
        {
            m *= pick(_levels[s][levels[s]]);
        }

        return m;
    }

    private static EffectLevel[] Ordered(List<EffectLevel> levels, IEnumerable<string> keys) =>
        keys.Select(k => levels.First(l => l.Key == k)).ToArray();
}
