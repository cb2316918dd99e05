using System.Globalization;
using System.Text.Json;

namespace RadEquity.Interop.Tests.Synthetic;

/// <summary>Realised rates in 20,000 generated patients (fixed seed) against the profile and ground-truth.json.</summary>
public sealed class CalibrationTests(CalibrationFixture fixture) : IClassFixture<CalibrationFixture>
{
    private static readonly HashSet<string> Mammography = new(StringComparer.Ordinal) { "26175-0", "26346-7" };
    private static readonly HashSet<string> Excluding = new(StringComparer.Ordinal) { "27865001", "385763009", "103735009" };
    private readonly SampleExport _sample = fixture.Export;

    [Theory]
    [InlineData("private", 0.77, 0.03)]
    [InlineData("medicare", 0.76, 0.03)]
    [InlineData("uninsured", 0.39, 0.06)]
    public void Generate_TwoYearMammographyByPayer_NearProfileTarget(string payer, double target, double calibrationTolerance)
    {
        var (n, screened) = MammographyByGroup(p => p.Payer)[payer];
        var rate = (double)screened / n;

        Assert.True(n > 150, $"only {n} {payer} women 50-74");
        var tolerance = calibrationTolerance + (4 * Math.Sqrt(target * (1 - target) / n));
        Assert.InRange(rate, target - tolerance, target + tolerance);
    }

    [Fact]
    public void Generate_InsuredVersusUninsured_ShowsTheConfiguredDisparity()
    {
        var groups = MammographyByGroup(p => p.Payer == "uninsured" ? "uninsured" : p.Payer == "unknown" ? "unknown" : "insured");
        var insured = (double)groups["insured"].Screened / groups["insured"].N;
        var uninsured = (double)groups["uninsured"].Screened / groups["uninsured"].N;

        Assert.InRange(insured, 0.70, 0.80);
        Assert.InRange(uninsured, 0.30, 0.48);
    }

    [Theory]
    [InlineData("payer")]
    [InlineData("rurality")]
    [InlineData("language")]
    public void GroundTruth_MammographyRates_MatchRealisedData(string stratifier)
    {
        var realised = MammographyByGroup(p => stratifier switch
        {
            "payer" => p.Payer,
            "rurality" => p.Rural ? "rural" : "urban",
            _ => p.Language,
        });
        var expected = GroundTruthLevels("mammography-2y", stratifier);

        Assert.NotEmpty(expected);
        foreach (var (level, (n, rate)) in expected)
        {
            var (rn, screened) = realised[level];
            Assert.Equal(n, rn);
            var observed = (double)screened / rn;
            var tolerance = (4 * Math.Sqrt(rate * (1 - rate) / n)) + 0.005;
            Assert.True(Math.Abs(observed - rate) <= tolerance, $"{stratifier}={level}: observed {observed:F3}, expected {rate:F3}, n={n}");
        }
    }

    [Fact]
    public void GroundTruth_NoShowRateByPayer_MatchesRealisedAppointments()
    {
        var patients = Patients();
        var counts = new Dictionary<string, (int NoShow, int Kept)>(StringComparer.Ordinal);
        foreach (var a in _sample.Resources("Appointment"))
        {
            var status = a.GetProperty("status").GetString();
            if (status == "cancelled")
            {
                continue;
            }

            var payer = patients[a.GetProperty("participant")[0].GetProperty("actor").GetProperty("reference").GetString()!["Patient/".Length..]].Payer;
            var (noShow, kept) = counts.GetValueOrDefault(payer);
            counts[payer] = status == "noshow" ? (noShow + 1, kept + 1) : (noShow, kept + 1);
        }

        foreach (var (level, (_, rate)) in GroundTruthLevels("imaging-no-show", "payer"))
        {
            var (noShow, kept) = counts[level];
            var observed = (double)noShow / kept;
            var tolerance = (4 * Math.Sqrt(rate * (1 - rate) / kept)) + 0.01;
            Assert.True(Math.Abs(observed - rate) <= tolerance, $"payer={level}: observed {observed:F3}, expected {rate:F3}, n={kept}");
        }

        Assert.True((double)counts["medicaid"].NoShow / counts["medicaid"].Kept > (double)counts["private"].NoShow / counts["private"].Kept);
    }

    [Fact]
    public void Generate_NoShows_AreBookedFurtherAheadAndMoreOftenAtTheEdgesOfTheDay()
    {
        var lead = new Dictionary<string, List<double>>(StringComparer.Ordinal) { ["noshow"] = [], ["fulfilled"] = [] };
        var edge = new Dictionary<string, int>(StringComparer.Ordinal) { ["noshow"] = 0, ["fulfilled"] = 0 };
        foreach (var a in _sample.Resources("Appointment"))
        {
            var status = a.GetProperty("status").GetString()!;
            if (!lead.TryGetValue(status, out var leads))
            {
                continue;
            }

            var start = DateTimeOffset.Parse(a.GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
            leads.Add((start - DateTimeOffset.Parse(a.GetProperty("created").GetString()!, CultureInfo.InvariantCulture)).TotalDays);
            edge[status] += start.Hour is 8 or 16 ? 1 : 0;
        }

        // Mean lead 2.5 times the profile's; 40% moved to the first or last clinic hour (2 of 9 hours otherwise).
        Assert.True(lead["noshow"].Count > 300, $"only {lead["noshow"].Count} no-shows");
        Assert.InRange(lead["noshow"].Average() / lead["fulfilled"].Average(), 1.8, 3.0);
        Assert.InRange((double)edge["fulfilled"] / lead["fulfilled"].Count, 0.17, 0.28);
        Assert.InRange((double)edge["noshow"] / lead["noshow"].Count, 0.45, 0.62);
    }

    [Fact]
    public void GroundTruth_EveryEffect_HasOverallAndPerStratifierRates()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_sample.Directory, "ground-truth.json")));
        var effects = doc.RootElement.GetProperty("effects").EnumerateArray().Select(e => e.GetProperty("effect").GetString()).ToList();

        Assert.Equal(["mammography-2y", "colorectal-up-to-date", "lung-ldct-1y", "mammography-follow-up", "lung-follow-up", "imaging-no-show"], effects);
        var lung = GroundTruthLevels("lung-ldct-1y", "overall");
        Assert.True(lung["all"].N > 200, "too few lung-eligible patients");
        var followUp = GroundTruthLevels("mammography-follow-up", "payer");
        Assert.True(followUp["uninsured"].Rate < followUp["private"].Rate);
    }

    [Fact]
    public void GroundTruth_LungEligibility_IsComputableFromSmokingObservations()
    {
        var patients = Patients();
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        var packYears = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var quit = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var o in _sample.Resources("Observation"))
        {
            var id = o.GetProperty("subject").GetProperty("reference").GetString()!["Patient/".Length..];
            switch (o.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString())
            {
                case "72166-2":
                    status[id] = o.GetProperty("valueCodeableConcept").GetProperty("coding")[0].GetProperty("code").GetString()!;
                    break;
                case "8664-5":
                    packYears[id] = o.GetProperty("valueQuantity").GetProperty("value").GetDecimal();
                    break;
                case "74010-0":
                    quit[id] = DateOnly.ParseExact(o.GetProperty("valueDateTime").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                default:
                    break;
            }
        }

        var excluded = _sample.Resources("Procedure")
            .Where(p => p.GetProperty("code").GetProperty("coding").EnumerateArray()
                .Any(c => c.GetProperty("code").GetString() is "385763009" or "103735009"))
            .Select(p => p.GetProperty("subject").GetProperty("reference").GetString()!["Patient/".Length..])
            .ToHashSet(StringComparer.Ordinal);
        var eligible = patients.Count(kv =>
            kv.Value.Age is >= 50 and <= 80 && !excluded.Contains(kv.Key) &&
            packYears.GetValueOrDefault(kv.Key) >= 20 &&
            (status[kv.Key] == "449868002" ||
             (status[kv.Key] == "8517006" && quit[kv.Key] >= SampleExport.AsOf.AddYears(-15))));

        Assert.Equal(GroundTruthLevels("lung-ldct-1y", "overall")["all"].N, eligible);
    }

    private Dictionary<string, (int N, int Screened)> MammographyByGroup(Func<PatientInfo, string> group)
    {
        var patients = Patients();
        var windowStart = SampleExport.AsOf.AddYears(-2);
        var screened = new HashSet<string>(StringComparer.Ordinal);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in _sample.Resources("Procedure"))
        {
            var id = p.GetProperty("subject").GetProperty("reference").GetString()!["Patient/".Length..];
            var codes = p.GetProperty("code").GetProperty("coding").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
            if (codes.Any(Excluding.Contains))
            {
                excluded.Add(id);
            }

            var performed = DateOnly.ParseExact(p.GetProperty("performedDateTime").GetString()![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (codes.Any(Mammography.Contains) && performed >= windowStart && performed < SampleExport.AsOf)
            {
                screened.Add(id);
            }
        }

        var result = new Dictionary<string, (int N, int Screened)>(StringComparer.Ordinal);
        foreach (var (id, p) in patients)
        {
            if (!p.Female || p.Age is < 50 or > 74 || excluded.Contains(id))
            {
                continue;
            }

            var key = group(p);
            var (n, s) = result.GetValueOrDefault(key);
            result[key] = (n + 1, s + (screened.Contains(id) ? 1 : 0));
        }

        return result;
    }

    private Dictionary<string, (int N, double Rate)> GroundTruthLevels(string effect, string stratifier)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_sample.Directory, "ground-truth.json")));
        var e = doc.RootElement.GetProperty("effects").EnumerateArray().Single(x => x.GetProperty("effect").GetString() == effect);
        var s = e.GetProperty("strata").EnumerateArray().Single(x => x.GetProperty("stratifier").GetString() == stratifier);
        return s.GetProperty("levels").EnumerateArray().ToDictionary(
            l => l.GetProperty("level").GetString()!,
            l => (l.GetProperty("n").GetInt32(), l.GetProperty("expectedRate").GetDouble()),
            StringComparer.Ordinal);
    }

    private Dictionary<string, PatientInfo> Patients()
    {
        var rural = File.ReadLines(Path.Combine(_sample.Directory, "zip-ruca.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(c => c[0], c => int.Parse(c[1], CultureInfo.InvariantCulture) >= 4, StringComparer.Ordinal);
        var payers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in _sample.Resources("Coverage"))
        {
            var code = c.GetProperty("type").GetProperty("coding")[0].GetProperty("code").GetString();
            payers[c.GetProperty("beneficiary").GetProperty("reference").GetString()!["Patient/".Length..]] = code switch
            {
                "1" => "medicare",
                "2" => "medicaid",
                "5" or "6" => "private",
                "8" or "81" => "uninsured",
                _ => "other",
            };
        }

        var result = new Dictionary<string, PatientInfo>(StringComparer.Ordinal);
        foreach (var p in _sample.Resources("Patient"))
        {
            var id = p.GetProperty("id").GetString()!;
            var birth = DateOnly.ParseExact(p.GetProperty("birthDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var age = SampleExport.AsOf.Year - birth.Year - (SampleExport.AsOf < birth.AddYears(SampleExport.AsOf.Year - birth.Year) ? 1 : 0);
            var language = p.GetProperty("communication")[0].GetProperty("language").GetProperty("coding")[0].GetProperty("code").GetString();
            var interpreter = p.GetProperty("extension").EnumerateArray().Any(e =>
                e.GetProperty("url").GetString() == "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired" &&
                e.GetProperty("valueBoolean").GetBoolean());
            result[id] = new PatientInfo(
                p.GetProperty("gender").GetString() == "female",
                age,
                payers.GetValueOrDefault(id, "unknown"),
                rural[p.GetProperty("address")[0].GetProperty("postalCode").GetString()!],
                language == "en" ? "english" : interpreter ? "interpreter" : "non-english");
        }

        return result;
    }

    private sealed record PatientInfo(bool Female, int Age, string Payer, bool Rural, string Language);
}
