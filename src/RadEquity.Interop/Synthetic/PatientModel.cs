namespace RadEquity.Interop.Synthetic;

internal enum SmokingStatus
{
    Never,
    Current,
    Former,
    Unknown,
}

/// <summary>One synthetic person: demographics, geography, payer, smoking and exclusions.</summary>
internal sealed class SyntheticPatient
{
    public long Index { get; init; }
    public required string Id { get; init; }
    public DateOnly BirthDate { get; init; }
    public int Age { get; init; }
    public bool Female { get; init; }
    public int Race { get; init; }
    public int Ethnicity { get; init; }
    public int Language { get; init; }
    public bool Interpreter { get; init; }
    public int Payer { get; init; }
    public int Zip { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    public required SiteData NearestSite { get; init; }
    public double DistanceKm { get; init; }
    public SmokingStatus Smoking { get; init; }
    public double PackYears { get; init; }
    public DateOnly? QuitDate { get; init; }

    /// <summary>Level index per stratifier, in <see cref="Factors.Stratifiers"/> order.</summary>
    public required int[] Levels { get; init; }

    public bool Mastectomy { get; set; }
    public bool Colectomy { get; set; }
    public bool ColorectalCancer { get; set; }
    public bool Hospice { get; set; }
    public bool Palliative { get; set; }
    public bool Frailty { get; set; }

    public string PayerKey => GeneratorProfile.PayerKeys[Payer];
}

/// <summary>Draws patients from the profile's distributions.</summary>
internal sealed class PatientModel(ProfileData profile, Region region, Factors factors, DateOnly asOf)
{
    private readonly double[] _ageWeights = profile.Demographics.AgeBands.Select(b => b.Weight).ToArray();
    private readonly double[] _raceWeights = profile.Demographics.Races.Select(r => r.Weight).ToArray();
    private readonly double[] _ethWeights = profile.Demographics.Ethnicities.Select(r => r.Weight).ToArray();
    private readonly double[] _langWeights = profile.Demographics.Languages.Select(r => r.Weight).ToArray();
    private readonly double[] _payerUnder65 = PayerWeights(profile.PayersUnder65);
    private readonly double[] _payer65Plus = PayerWeights(profile.Payers65Plus);

    public SyntheticPatient Draw(long index, ref Rng rng)
    {
        var demo = profile.Demographics;
        var band = demo.AgeBands[rng.Pick(_ageWeights)];
        var age = rng.Between(band.Min, band.Max);
        var birth = asOf.AddYears(-age).AddDays(-rng.Between(0, 364));
        var female = rng.Chance(demo.FemaleShare);
        var race = rng.Pick(_raceWeights);
        var eth = rng.Pick(_ethWeights);
        var lang = rng.Pick(_langWeights);
        var interpreter = demo.Languages[lang].Code != "en" && rng.Chance(demo.Languages[lang].InterpreterShare);
        var payer = rng.Pick(age >= 65 ? _payer65Plus : _payerUnder65);
        var zipIndex = region.PickZip(ref rng);
        var zip = region.Data.Zips[zipIndex];
        var (lat, lon) = Region.HomeIn(zip, ref rng);
        var (site, km) = region.NearestFixedSite(lat, lon);

        var smoking = profile.Smoking;
        var u = rng.NextDouble();
        var status = u < smoking.CurrentShare ? SmokingStatus.Current
            : u < smoking.CurrentShare + smoking.FormerShare ? SmokingStatus.Former
            : u < smoking.CurrentShare + smoking.FormerShare + smoking.UnknownShare ? SmokingStatus.Unknown
            : SmokingStatus.Never;
        double packYears = 0;
        DateOnly? quit = null;
        if (status is SmokingStatus.Current or SmokingStatus.Former)
        {
            packYears = Math.Round(1 + rng.Exponential(smoking.MeanPackYears, 120), 1);
            if (status == SmokingStatus.Former)
            {
                var years = rng.Between(0, Math.Max(0, Math.Min(smoking.MaxYearsSinceQuit, age - 20)));
                quit = asOf.AddYears(-years).AddDays(-rng.Between(1, 364));
            }
        }

        var langKey = demo.Languages[lang].Code == "en" ? "english" : interpreter ? "interpreter" : "non-english";
        var levels = factors.LevelsOf(payer, race, eth, langKey, Region.IsRural(zip.Ruca), km, age);
        var patient = new SyntheticPatient
        {
            Index = index,
            Id = "p" + (index + 1).ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
            BirthDate = birth,
            Age = age,
            Female = female,
            Race = race,
            Ethnicity = eth,
            Language = lang,
            Interpreter = interpreter,
            Payer = payer,
            Zip = zipIndex,
            Latitude = lat,
            Longitude = lon,
            NearestSite = site,
            DistanceKm = km,
            Smoking = status,
            PackYears = packYears,
            QuitDate = quit,
            Levels = levels,
        };

        foreach (var rate in profile.Exclusions.Rates)
        {
            if (age < rate.MinAge || (rate.Sex == "female" && !female) || (rate.Sex == "male" && female) || !rng.Chance(rate.Rate))
            {
                continue;
            }

            switch (rate.Kind)
            {
                case "bilateral-mastectomy": patient.Mastectomy = true; break;
                case "total-colectomy": patient.Colectomy = true; break;
                case "colorectal-cancer": patient.ColorectalCancer = true; break;
                case "hospice": patient.Hospice = true; break;
                case "palliative": patient.Palliative = true; break;
                default: patient.Frailty = true; break;
            }
        }

        return patient;
    }

    /// <summary>USPSTF 2021 lung screening: 50-80, at least 20 pack-years, current smoker or quit within 15 years.</summary>
    public bool IsLungEligible(SyntheticPatient p) =>
        p.Age is >= 50 and <= 80 && p.PackYears >= 20 &&
        (p.Smoking == SmokingStatus.Current || (p.Smoking == SmokingStatus.Former && p.QuitDate >= asOf.AddYears(-15)));

    private static double[] PayerWeights(List<PayerShare> shares)
    {
        var weights = new double[GeneratorProfile.PayerKeys.Length];
        foreach (var s in shares)
        {
            weights[Array.IndexOf(GeneratorProfile.PayerKeys, s.Category)] += s.Weight;
        }

        return weights;
    }
}
