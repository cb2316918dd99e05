namespace RadEquity.Interop.Synthetic;

/// <summary>
/// A patient's care history up to the as-of date: qualifying visits, smoking history, exclusions, screening
/// (mammography, colorectal, lung), assessments with their follow-ups, and the appointments behind each imaging
/// exam. Every probability used is also added to the <see cref="GroundTruth"/>.
/// </summary>
internal sealed class CareModel(ProfileData profile, Region region, Factors factors, PatientModel patients,
    FhirResources fhir, GroundTruth truth, DateOnly asOf)
{
    private static readonly double[] CrcModalityWeights = [62, 22, 10, 3, 3];
    private static readonly int[] LungTargets = [0, 0, 180, 90, 30, 30];
    private readonly DateTime _asOf = asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    // No-shows' booking lead time and hour of day, drawn from the patient's own timing stream (see Exam).
    private const double NoShowLeadTimeFactor = 2.5;
    private const double NoShowEdgeOfDayShare = 0.4;

    // The patient's timing stream: separate from the main stream, so drawing from it moves no other value.
    private Rng _timing;

    /// <param name="p">The patient.</param>
    /// <param name="rng">The patient's main stream: every value but no-shows' timing.</param>
    /// <param name="timing">The patient's timing stream.</param>
    /// <param name="contact">The patient's contact stream (telecom), also separate from the main stream.</param>
    public void Write(SyntheticPatient p, ref Rng rng, Rng timing, Rng contact)
    {
        _timing = timing;
        fhir.StartPatient();
        fhir.WritePatient(p, ref contact);
        fhir.WriteCoverage(p, asOf);
        var firstVisit = DateTime.MaxValue;
        var visits = 1 + (rng.Chance(0.5) ? 1 : 0);
        for (var i = 0; i < visits; i++)
        {
            var at = At(rng.Between(5, 360), ref rng);
            firstVisit = at < firstVisit ? at : firstVisit;
            fhir.WriteEncounter(p, Codes.OfficeVisits[rng.Next(Codes.OfficeVisits.Length)], "AMB", at, p.NearestSite.Id);
        }

        fhir.WriteSmoking(p, firstVisit);
        WriteExclusions(p, ref rng);
        if (p.Female && p.Age is >= 40 and <= 84 && !p.Mastectomy)
        {
            Mammography(p, ref rng);
        }

        if (p.Age is >= 45 and <= 85 && !p.Colectomy)
        {
            Colorectal(p, ref rng);
        }

        if (patients.IsLungEligible(p))
        {
            LungScreening(p, ref rng);
        }
    }

    private void WriteExclusions(SyntheticPatient p, ref Rng rng)
    {
        if (p.Mastectomy)
        {
            fhir.WriteProcedure(p, [(Codes.Snomed, Codes.BilateralMastectomySnomed)], At(rng.Between(400, 5000), ref rng), null);
        }

        if (p.Colectomy)
        {
            fhir.WriteProcedure(p, [(Codes.Cpt, Codes.TotalColectomyCpt), (Codes.Snomed, Codes.TotalColectomySnomed)],
                At(rng.Between(400, 5000), ref rng), null);
        }

        if (p.ColorectalCancer)
        {
            fhir.WriteCondition(p, [(Codes.Snomed, Codes.ColonCancerSnomed), (Codes.Icd10Cm, Codes.ColonCancerIcd)],
                asOf.AddDays(-rng.Between(200, 3000)));
        }

        if (p.Hospice)
        {
            var at = At(rng.Between(10, 300), ref rng);
            fhir.WriteEncounter(p, (Codes.Snomed, Codes.HospiceAdmissionSnomed), "HH", at, p.NearestSite.Id);
            fhir.WriteProcedure(p, [(Codes.Snomed, Codes.HospiceCareSnomed)], at, null);
        }

        if (p.Palliative)
        {
            var at = At(rng.Between(10, 300), ref rng);
            fhir.WriteCondition(p, [(Codes.Icd10Cm, Codes.PalliativeDiagnosisIcd), (Codes.Snomed, Codes.PalliativeSeenSnomed)],
                DateOnly.FromDateTime(at));
            fhir.WriteProcedure(p, [(Codes.Snomed, Codes.PalliativeCareSnomed)], at, null);
        }

        if (p.Frailty)
        {
            fhir.WriteCondition(p, [(Codes.Icd10Cm, Codes.FrailtyIcd)], asOf.AddDays(-rng.Between(10, 300)));
        }
    }

    private void Mammography(SyntheticPatient p, ref Rng rng)
    {
        var prob = factors.ScreeningProbability(0, p);
        if (Factors.IsInMeasure(0, p, patients) && !p.Hospice && !p.Palliative)
        {
            truth.Add(GroundTruth.Mammography, p, prob);
        }

        // An earlier, normal screen outside the two-year window (its follow-ups could not reach the window).
        if (rng.Chance(prob))
        {
            Exam(p, ImagingKind.ScreeningMammogram, At(rng.Between(930, 1460), ref rng), ScreeningSite(p, ref rng),
                new Assessment(true, 1 + rng.Next(2)), ref rng);
        }

        if (!rng.Chance(prob))
        {
            return;
        }

        var at = At(rng.Between(1, 729), ref rng);
        var category = rng.Pick(profile.FollowUp.BiRadsWeights);
        Exam(p, ImagingKind.ScreeningMammogram, at, ScreeningSite(p, ref rng), new Assessment(true, category), ref rng);
        var (target, kind) = category switch
        {
            0 => (14, ImagingKind.DiagnosticMammogram),
            3 => (180, ImagingKind.DiagnosticMammogram),
            4 or 5 => (14, (ImagingKind?)null),
            _ => (0, (ImagingKind?)null),
        };
        if (target == 0)
        {
            return;
        }

        var (done, when, q, meanDelay) = FollowUp(p, at, target, ref rng);
        if (category is 0 or 4 or 5 && at.AddDays(14 + profile.FollowUp.MaxExtraDelayDays) < _asOf)
        {
            truth.Add(GroundTruth.MammographyFollowUp, p, q, 1, meanDelay);
        }

        if (!done || when >= _asOf)
        {
            return;
        }

        if (kind is { } diagnostic)
        {
            var result = category == 3 ? 2 : rng.Pick([0, 55, 30, 7, 8, 0, 0]);
            Exam(p, diagnostic, when, p.NearestSite.Id, new Assessment(true, result), ref rng);
            if (result == 4)
            {
                var (biopsy, biopsyAt, _, _) = FollowUp(p, when, 14, ref rng);
                if (biopsy && biopsyAt < _asOf)
                {
                    fhir.WriteProcedure(p, [(Codes.Cpt, Codes.BreastBiopsyCpt)], biopsyAt, p.NearestSite.Id);
                }
            }
        }
        else
        {
            fhir.WriteProcedure(p, [(Codes.Cpt, Codes.BreastBiopsyCpt)], when, p.NearestSite.Id);
        }
    }

    private void Colorectal(SyntheticPatient p, ref Rng rng)
    {
        var prob = factors.ScreeningProbability(1, p);
        if (Factors.IsInMeasure(1, p, patients) && !p.ColorectalCancer && !p.Hospice && !p.Palliative)
        {
            truth.Add(GroundTruth.Colorectal, p, prob);
        }

        var site = p.NearestSite.Id;
        if (!rng.Chance(prob))
        {
            if (rng.Chance(0.3))
            {
                fhir.WriteStoolTest(p, Codes.FitLoinc, At(rng.Between(400, 700), ref rng), false);
            }

            return;
        }

        switch (rng.Pick(CrcModalityWeights))
        {
            case 0:
                fhir.WriteProcedure(p, [(Codes.Cpt, Codes.ColonoscopyCpt), (Codes.Snomed, Codes.ColonoscopySnomed)],
                    At(rng.Between(1, 9 * 365), ref rng), site);
                break;
            case 1:
                var fitAt = At(rng.Between(1, 330), ref rng);
                var positive = rng.Chance(0.05);
                fhir.WriteStoolTest(p, rng.Chance(0.8) ? Codes.FitLoinc : Codes.FobtLoinc, fitAt, positive);
                if (positive)
                {
                    var (done, when, _, _) = FollowUp(p, fitAt, 30, ref rng);
                    if (done && when < _asOf)
                    {
                        fhir.WriteProcedure(p, [(Codes.Cpt, Codes.ColonoscopyCpt), (Codes.Snomed, Codes.ColonoscopySnomed)], when, site);
                    }
                }

                break;
            case 2:
                fhir.WriteStoolTest(p, Codes.SdnaFitLoinc, At(rng.Between(1, 700), ref rng), rng.Chance(0.12));
                break;
            case 3:
                Exam(p, ImagingKind.CtColonography, At(rng.Between(1, 4 * 365), ref rng), site, Assessment.None, ref rng);
                break;
            default:
                fhir.WriteProcedure(p, [(Codes.Cpt, Codes.FlexSigCpt), (Codes.Snomed, Codes.FlexSigSnomed)],
                    At(rng.Between(1, 4 * 365), ref rng), site);
                break;
        }
    }

    private void LungScreening(SyntheticPatient p, ref Rng rng)
    {
        var prob = factors.ScreeningProbability(2, p);
        if (!p.Hospice && !p.Palliative)
        {
            truth.Add(GroundTruth.Lung, p, prob);
        }

        // Last year's screen (365-729 days ago) and this year's (1-364 days ago), each with the same probability.
        for (var year = 1; year >= 0; year--)
        {
            if (!rng.Chance(prob))
            {
                continue;
            }

            var at = At(rng.Between(1 + (365 * year), 364 + (365 * year)), ref rng);
            var category = rng.Pick(profile.FollowUp.LungRadsWeights);
            Exam(p, ImagingKind.LowDoseCt, at, p.NearestSite.Id, new Assessment(false, category), ref rng);
            var target = LungTargets[category];
            if (target == 0)
            {
                continue;
            }

            var (done, when, q, meanDelay) = FollowUp(p, at, target, ref rng);
            if (at.AddDays(target + profile.FollowUp.MaxExtraDelayDays) < _asOf)
            {
                truth.Add(GroundTruth.LungFollowUp, p, q, 1, meanDelay);
            }

            if (done && when < _asOf)
            {
                Exam(p, category <= 3 ? ImagingKind.LowDoseCt : ImagingKind.ChestCt, when, p.NearestSite.Id,
                    new Assessment(false, 1), ref rng);
            }
        }
    }

    /// <summary>Whether a recommended follow-up happens, when, its probability and expected delay if done.</summary>
    private (bool Done, DateTime When, double Probability, double MeanDelay) FollowUp(
        SyntheticPatient p, DateTime from, int targetDays, ref Rng rng)
    {
        var q = factors.FollowUpProbability(p);
        var mean = profile.FollowUp.MeanExtraDelayDays * factors.DelayMultiplier(p);
        var max = profile.FollowUp.MaxExtraDelayDays;
        var done = rng.Chance(q);
        var extra = rng.Exponential(mean, max);
        var when = from.Date.AddDays(targetDays + Math.Floor(extra)).AddHours(8).AddMinutes(15 * rng.Next(36));
        var expected = targetDays + (mean * (1 - Math.Exp(-max / mean))) - 0.5;
        return (done, when, q, expected);
    }

    /// <summary>An imaging exam and the appointments that led to it: missed (no-show) or cancelled bookings,
    /// rebooked, then the fulfilled one.</summary>
    private void Exam(SyntheticPatient p, ImagingKind kind, DateTime at, string siteId, Assessment assessment, ref Rng rng)
    {
        var pn = factors.NoShowProbability(p);
        var pc = profile.Appointments.Cancelled;
        var pf = 1 - pn - pc;
        truth.Add(GroundTruth.NoShow, p, pn / pf, (pn + pf) / pf);
        Span<bool> missed = stackalloc bool[6];
        var k = 0;
        while (k < missed.Length)
        {
            var u = rng.NextDouble();
            if (u >= pn + pc)
            {
                break;
            }

            missed[k++] = u < pn;
        }

        var service = FhirResources.ExamCode(kind);
        var start = at;
        for (var i = k; i >= 0; i--)
        {
            var lead = TimeSpan.FromDays(1 + Math.Floor(rng.Exponential(profile.Appointments.MeanLeadTimeDays, 120))) + TimeSpan.FromHours(3);
            var status = i == k ? "fulfilled" : missed[i] ? "noshow" : "cancelled";
            var (booked, slot) = status == "noshow" ? NoShowTiming(start, lead) : (lead, start);
            fhir.WriteAppointment(p, status, service, slot, slot - booked, siteId);
            start = start.AddDays(-rng.Between(14, 28));
        }

        fhir.WriteImagingExam(p, kind, at, siteId, assessment);
    }

    /// <summary>
    /// A missed appointment's lead time and start, from the timing stream: booked further ahead (mean lead time
    /// <see cref="NoShowLeadTimeFactor"/> times the profile's) and more often in the first or last hour of the clinic
    /// day, as no-show studies report. Only the missed appointment's own created and start times move; its date and
    /// every other drawn value stay as the main stream made them.
    /// </summary>
    private (TimeSpan Lead, DateTime Start) NoShowTiming(DateTime start, TimeSpan lead)
    {
        var longer = TimeSpan.FromDays(1 + Math.Floor(_timing.Exponential(profile.Appointments.MeanLeadTimeDays * NoShowLeadTimeFactor, 120)))
                     + TimeSpan.FromHours(3);
        if (!_timing.Chance(NoShowEdgeOfDayShare))
        {
            return (longer, start);
        }

        var slot = _timing.Next(8);
        var minutes = slot < 4 ? 15 * slot : (8 * 60) + (15 * (slot - 4));
        return (longer, start.Date.AddHours(8).AddMinutes(minutes));
    }

    private string ScreeningSite(SyntheticPatient p, ref Rng rng) =>
        region.MobileSite is { } mobile && Region.IsRural(profile.Region.Zips[p.Zip].Ruca) && rng.Chance(0.35)
            ? mobile.Id
            : p.NearestSite.Id;

    /// <summary>A time on a weekday-agnostic clinic day <paramref name="daysBefore"/> days before as-of.</summary>
    private DateTime At(int daysBefore, ref Rng rng) =>
        _asOf.AddDays(-daysBefore).AddHours(8).AddMinutes(15 * rng.Next(36));
}
