namespace RadEquity.Interop.Synthetic;

// The JSON shape of a generator profile (see default-profile.json and docs/synthetic-population.md).
// Lists, never dictionaries, so that every iteration order is the file's order.
#pragma warning disable CA1812 // instantiated by System.Text.Json
#pragma warning disable CA2227 // settable collections are the deserialisation contract

internal sealed class ProfileData
{
    public required string Version { get; init; }
    public required RegionData Region { get; init; }
    public required DemographicsData Demographics { get; init; }
    public required List<PayerShare> PayersUnder65 { get; init; }
    public required List<PayerShare> Payers65Plus { get; init; }
    public required SmokingData Smoking { get; init; }
    public required List<ScreeningTarget> Screening { get; init; }
    public required EffectsData Effects { get; init; }
    public required FollowUpData FollowUp { get; init; }
    public required AppointmentData Appointments { get; init; }
    public required ExclusionData Exclusions { get; init; }
}

internal sealed class RegionData
{
    public required string Name { get; init; }
    public required string State { get; init; }
    public required string PracticeName { get; init; }
    public required List<ZipArea> Zips { get; init; }
    public required List<SiteData> Sites { get; init; }
}

internal sealed class ZipArea
{
    public required string Zip { get; init; }
    public required string City { get; init; }
    public required int Ruca { get; init; }
    public required int AdiNationalPercentile { get; init; }
    public required int AdiStateDecile { get; init; }
    public required double Weight { get; init; }
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }
    public required double RadiusKm { get; init; }
}

internal sealed class SiteData
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Zip { get; init; }
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }
    public bool Mobile { get; init; }
}

internal sealed class DemographicsData
{
    public required List<AgeBand> AgeBands { get; init; }
    public required double FemaleShare { get; init; }
    public required List<RaceGroup> Races { get; init; }
    public required List<EthnicityGroup> Ethnicities { get; init; }
    public required List<LanguageShare> Languages { get; init; }
}

internal sealed class AgeBand
{
    public required int Min { get; init; }
    public required int Max { get; init; }
    public required double Weight { get; init; }
}

internal sealed class RaceGroup
{
    public required string Key { get; init; }
    public required double Weight { get; init; }
    public required List<string> Omb { get; init; }
    public List<string> Detailed { get; init; } = [];
    public required string Text { get; init; }
}

internal sealed class EthnicityGroup
{
    public required string Key { get; init; }
    public required double Weight { get; init; }
    public required List<string> Omb { get; init; }
    public List<string> Detailed { get; init; } = [];
    public required string Text { get; init; }
}

internal sealed class LanguageShare
{
    public required string Code { get; init; }
    public required double Weight { get; init; }
    public required double InterpreterShare { get; init; }
}

internal sealed class PayerShare
{
    public required string Category { get; init; }
    public required double Weight { get; init; }
}

internal sealed class SmokingData
{
    public required double CurrentShare { get; init; }
    public required double FormerShare { get; init; }
    public required double UnknownShare { get; init; }
    public required double MeanPackYears { get; init; }
    public required int MaxYearsSinceQuit { get; init; }
}

/// <summary>Target rate of a screening measure per payer category (the calibration anchors).</summary>
internal sealed class ScreeningTarget
{
    public required string Measure { get; init; }
    public required List<PayerRate> Rates { get; init; }
    public string? Source { get; init; }
}

internal sealed class PayerRate
{
    public required string Payer { get; init; }
    public required double Rate { get; init; }
}

/// <summary>Multipliers per factor level: on screening probability, follow-up completion, no-show and delay.</summary>
internal sealed class EffectLevel
{
    public required string Key { get; init; }
    public double Screening { get; init; } = 1;
    public double FollowUp { get; init; } = 1;
    public double NoShow { get; init; } = 1;
    public double Delay { get; init; } = 1;
    public double MaxKm { get; init; } = double.PositiveInfinity;
    public int MaxAge { get; init; } = int.MaxValue;
}

internal sealed class EffectsData
{
    public required List<EffectLevel> Payer { get; init; }
    public required List<EffectLevel> Race { get; init; }
    public required List<EffectLevel> Ethnicity { get; init; }
    public required List<EffectLevel> Language { get; init; }
    public required List<EffectLevel> Rurality { get; init; }
    public required List<EffectLevel> Distance { get; init; }
    public required List<EffectLevel> Age { get; init; }
}

internal sealed class FollowUpData
{
    public required double Completion { get; init; }
    public required double MeanExtraDelayDays { get; init; }
    public required double MaxExtraDelayDays { get; init; }
    public required List<double> BiRadsWeights { get; init; }
    public required List<double> LungRadsWeights { get; init; }
}

internal sealed class AppointmentData
{
    public required double NoShow { get; init; }
    public required double Cancelled { get; init; }
    public required double MeanLeadTimeDays { get; init; }
}

internal sealed class ExclusionData
{
    public required List<ExclusionRate> Rates { get; init; }
}

internal sealed class ExclusionRate
{
    public required string Kind { get; init; }
    public required int MinAge { get; init; }
    public required double Rate { get; init; }
    public string? Sex { get; init; }
}
