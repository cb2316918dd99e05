using System.Globalization;
using System.Text.Json;

namespace RadEquity.Interop.Synthetic;

/// <summary>
/// The versioned settings of the synthetic population: region (ZIP areas, imaging sites), demographic mix,
/// payer mix, smoking, screening targets per payer, the effects of each factor on screening, follow-up and
/// no-shows, and exclusion prevalence. Load the embedded default with <see cref="LoadDefault"/> or a file with
/// <see cref="Load"/>; both validate and name the offending field on error.
/// </summary>
public sealed class GeneratorProfile
{
    internal static readonly string[] PayerKeys = ["medicare", "medicaid", "private", "uninsured", "other", "unknown"];
    internal static readonly string[] EthnicityKeys = ["hispanic", "not-hispanic", "unknown", "declined"];
    internal static readonly string[] LanguageKeys = ["english", "non-english", "interpreter"];
    internal static readonly string[] RuralityKeys = ["urban", "rural"];
    internal static readonly string[] MeasureKeys = ["mammography", "colorectal", "lung"];
    internal static readonly string[] ExclusionKeys =
        ["bilateral-mastectomy", "total-colectomy", "colorectal-cancer", "hospice", "palliative", "frailty"];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private GeneratorProfile(ProfileData data) => Data = data;

    internal ProfileData Data { get; }

    /// <summary>The profile's version (the <c>version</c> field), recorded in the manifest and ground truth.</summary>
    public string Version => Data.Version;

    /// <summary>The built-in profile (an illustrative region; see docs/synthetic-population.md).</summary>
    public static GeneratorProfile LoadDefault()
    {
        using var stream = typeof(GeneratorProfile).Assembly.GetManifestResourceStream(
            "RadEquity.Interop.Synthetic.default-profile.json")
            ?? throw new InvalidOperationException("The default generator profile is not embedded in the assembly.");
        return Parse(stream, "default-profile.json");
    }

    /// <summary>Reads and validates a profile file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid profile; the message names the field.</exception>
    public static GeneratorProfile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    /// <summary>Reads and validates a profile from a stream (<paramref name="name"/> is used in messages).</summary>
    /// <exception cref="InvalidDataException">The content is not a valid profile; the message names the field.</exception>
    public static GeneratorProfile Parse(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        ProfileData? data;
        try
        {
            data = JsonSerializer.Deserialize<ProfileData>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "(root)" : ex.Path.TrimStart('$', '.');
            throw new InvalidDataException($"Generator profile '{name}': field '{field}' is invalid: {ex.Message}", ex);
        }

        if (data is null)
        {
            throw new InvalidDataException($"Generator profile '{name}': field '(root)' must be a JSON object.");
        }

        new ProfileValidator(name).Validate(data);
        return new GeneratorProfile(data);
    }

    private sealed class ProfileValidator(string name)
    {
        public void Validate(ProfileData d)
        {
            Require(!string.IsNullOrWhiteSpace(d.Version), "version", "must not be empty");
            Require(d.Region.Zips.Count > 0, "region.zips", "must list at least one ZIP area");
            Require(d.Region.Sites.Any(s => !s.Mobile), "region.sites", "must include at least one fixed (non-mobile) site");
            for (var i = 0; i < d.Region.Zips.Count; i++)
            {
                var z = d.Region.Zips[i];
                var f = $"region.zips[{i}]";
                Require(z.Zip.Length == 5 && z.Zip.All(char.IsAsciiDigit), f + ".zip", "must be five digits");
                Require(z.Ruca is >= 1 and <= 10, f + ".ruca", "must be a RUCA primary code 1-10");
                Require(z.AdiNationalPercentile is >= 1 and <= 100, f + ".adiNationalPercentile", "must be 1-100");
                Require(z.AdiStateDecile is >= 1 and <= 10, f + ".adiStateDecile", "must be 1-10");
                Require(z.Weight > 0, f + ".weight", "must be positive");
                Require(z.Latitude is >= -90 and <= 90, f + ".latitude", "must be -90..90");
                Require(z.Longitude is >= -180 and <= 180, f + ".longitude", "must be -180..180");
                Require(z.RadiusKm >= 0, f + ".radiusKm", "must not be negative");
            }

            Require(d.Region.Zips.Select(z => z.Zip).Distinct(StringComparer.Ordinal).Count() == d.Region.Zips.Count,
                "region.zips", "must not repeat a ZIP");
            Require(d.Region.Sites.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() == d.Region.Sites.Count,
                "region.sites", "must not repeat an id");

            var demo = d.Demographics;
            Require(demo.AgeBands.Count > 0 && demo.AgeBands.All(b => b.Min >= 18 && b.Max >= b.Min && b.Max <= 110 && b.Weight > 0),
                "demographics.ageBands", "must list bands with 18 <= min <= max <= 110 and positive weight");
            Require(demo.FemaleShare is >= 0 and <= 1, "demographics.femaleShare", "must be 0-1");
            Weights(demo.Races.Select(r => r.Weight), "demographics.races");
            Weights(demo.Ethnicities.Select(r => r.Weight), "demographics.ethnicities");
            Weights(demo.Languages.Select(r => r.Weight), "demographics.languages");
            Require(demo.Languages.Any(l => l.Code == "en"), "demographics.languages", "must include 'en'");
            foreach (var e in demo.Ethnicities)
            {
                Require(EthnicityKeys.Contains(e.Key), "demographics.ethnicities.key",
                    $"'{e.Key}' is not one of {string.Join(", ", EthnicityKeys)}");
            }

            Payers(d.PayersUnder65, "payersUnder65");
            Payers(d.Payers65Plus, "payers65Plus");
            Require(d.Smoking.CurrentShare + d.Smoking.FormerShare + d.Smoking.UnknownShare <= 1, "smoking", "shares must sum to at most 1");
            Require(d.Smoking.MeanPackYears > 0, "smoking.meanPackYears", "must be positive");

            foreach (var m in MeasureKeys)
            {
                var t = d.Screening.FirstOrDefault(s => s.Measure == m);
                Require(t is not null, "screening", $"has no entry for measure '{m}'");
                foreach (var p in PayerKeys)
                {
                    var r = t!.Rates.FirstOrDefault(x => x.Payer == p);
                    Require(r is not null, $"screening[{m}].rates", $"has no rate for payer '{p}'");
                    Require(r!.Rate is >= 0 and <= 1, $"screening[{m}].rates[{p}].rate", "must be 0-1");
                }
            }

            Levels(d.Effects.Payer, PayerKeys, "effects.payer");
            Levels(d.Effects.Race, demo.Races.Select(r => r.Key), "effects.race");
            Levels(d.Effects.Ethnicity, EthnicityKeys, "effects.ethnicity");
            Levels(d.Effects.Language, LanguageKeys, "effects.language");
            Levels(d.Effects.Rurality, RuralityKeys, "effects.rurality");
            Require(d.Effects.Distance.Count > 0 && double.IsPositiveInfinity(d.Effects.Distance[^1].MaxKm),
                "effects.distance", "must end with a band without maxKm (open-ended)");
            Require(d.Effects.Age.Count > 0 && d.Effects.Age[^1].MaxAge == int.MaxValue,
                "effects.age", "must end with a band without maxAge (open-ended)");

            var fu = d.FollowUp;
            Require(fu.Completion is > 0 and <= 1, "followUp.completion", "must be in (0, 1]");
            Require(fu.MeanExtraDelayDays > 0 && fu.MaxExtraDelayDays >= 1, "followUp.meanExtraDelayDays", "delays must be positive");
            Require(fu.BiRadsWeights.Count == 7 && fu.BiRadsWeights.All(w => w >= 0), "followUp.biRadsWeights", "must have 7 non-negative weights (categories 0-6)");
            Require(fu.LungRadsWeights.Count == 6 && fu.LungRadsWeights.All(w => w >= 0), "followUp.lungRadsWeights", "must have 6 non-negative weights (1, 2, 3, 4A, 4B, 4X)");
            Require(d.Appointments.NoShow is >= 0 and < 0.5, "appointments.noShow", "must be 0-0.5");
            Require(d.Appointments.Cancelled is >= 0 and < 0.5, "appointments.cancelled", "must be 0-0.5");
            Require(d.Appointments.MeanLeadTimeDays > 0, "appointments.meanLeadTimeDays", "must be positive");
            foreach (var e in d.Exclusions.Rates)
            {
                Require(ExclusionKeys.Contains(e.Kind), "exclusions.rates.kind", $"'{e.Kind}' is not one of {string.Join(", ", ExclusionKeys)}");
                Require(e.Rate is >= 0 and <= 1, $"exclusions.rates[{e.Kind}].rate", "must be 0-1");
            }
        }

        private void Payers(List<PayerShare> shares, string field)
        {
            Weights(shares.Select(s => s.Weight), field);
            foreach (var s in shares)
            {
                Require(PayerKeys.Contains(s.Category), field + ".category", $"'{s.Category}' is not one of {string.Join(", ", PayerKeys)}");
            }
        }

        private void Levels(List<EffectLevel> levels, IEnumerable<string> keys, string field)
        {
            foreach (var key in keys)
            {
                Require(levels.Any(l => l.Key == key), field, $"has no level for '{key}'");
            }

            foreach (var l in levels)
            {
                Require(l.Screening >= 0 && l.FollowUp >= 0 && l.NoShow >= 0 && l.Delay > 0, $"{field}[{l.Key}]", "multipliers must not be negative");
            }
        }

        private void Weights(IEnumerable<double> weights, string field)
        {
            var list = weights.ToList();
            Require(list.Count > 0 && list.All(w => w >= 0) && list.Sum() > 0, field, "must list entries with non-negative weights summing above 0");
        }

        private void Require(bool condition, string field, string message)
        {
            if (!condition)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"Generator profile '{name}': field '{field}' {message}."));
            }
        }
    }
}
