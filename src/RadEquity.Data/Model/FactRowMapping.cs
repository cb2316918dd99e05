using RadEquity.Engine.Facts;

namespace RadEquity.Data.Model;

/// <summary>Reads stored fact rows back as the engine's facts (timestamps come back in UTC).</summary>
public static class FactRowMapping
{
    public static PatientFact ToFact(this PatientRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.PatientId, row.BirthDate, Enum.Parse<AdministrativeSex>(row.Sex), row.BirthSex, Coding.Split(row.RaceCodes),
            Coding.Split(row.EthnicityCodes), row.LanguageCode, row.NeedsInterpreter, row.PostalCode, row.State, row.Latitude,
            row.Longitude, row.DeceasedDate);
    }

    public static CoverageFact ToFact(this CoverageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.PatientId, Enum.Parse<PayerCategory>(row.Category), Coding.Split(row.TypeCodes), row.Status, row.StartDate, row.EndDate,
            row.PayerName);
    }

    public static ClinicalEvent ToFact(this ClinicalEventRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.PatientId, Enum.Parse<EventKind>(row.Kind), Coding.Split(row.Codes), Coding.Split(row.Categories), row.Status,
            row.StartsAt, row.EndsAt, Coding.Split(row.ValueCodes), row.ValueQuantity, row.ValueUnit, Coding.Split(row.BodySiteCodes),
            row.LocationId, row.BasedOnId);
    }

    public static AppointmentFact ToFact(this AppointmentRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.PatientId, row.Status, Coding.Split(row.ServiceCodes), row.StartsAt, row.EndsAt, row.CreatedAt, row.LocationId);
    }

    public static SiteFact ToFact(this SiteRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.LocationId, row.Name, row.IsMobile, row.PostalCode, row.Latitude, row.Longitude, row.OrganizationId);
    }
}
