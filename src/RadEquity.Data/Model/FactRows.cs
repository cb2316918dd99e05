namespace RadEquity.Data.Model;

/// <summary>
/// The key every stored fact and raw resource shares: (source, resource type, resource id). Not an entity of its
/// own; EF maps these properties onto each derived table.
/// </summary>
public abstract class ResourceRow
{
    /// <summary>The data source the resource came from.</summary>
    public string Source { get; set; } = "";

    /// <summary>The FHIR resource type.</summary>
    public string ResourceType { get; set; } = "";

    /// <summary>The resource's logical id within the source.</summary>
    public string ResourceId { get; set; } = "";
}

/// <summary>A row of <c>patients</c>: one <see cref="Engine.Facts.PatientFact"/>.</summary>
public sealed class PatientRow : ResourceRow
{
    public string PatientId { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    /// <summary>The <see cref="Engine.Facts.AdministrativeSex"/> name.</summary>
    public string Sex { get; set; } = "";
    public string? BirthSex { get; set; }
    /// <summary>Codings as written by <see cref="Engine.Facts.Coding.Join"/>.</summary>
    public string RaceCodes { get; set; } = "";
    public string EthnicityCodes { get; set; } = "";
    public string? LanguageCode { get; set; }
    public bool? NeedsInterpreter { get; set; }
    public string? PostalCode { get; set; }
    public string? State { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateOnly? DeceasedDate { get; set; }
}

/// <summary>A row of <c>coverages</c>: one <see cref="Engine.Facts.CoverageFact"/>.</summary>
public sealed class CoverageRow : ResourceRow
{
    public string PatientId { get; set; } = "";
    /// <summary>The <see cref="Engine.Facts.PayerCategory"/> name.</summary>
    public string Category { get; set; } = "";
    public string TypeCodes { get; set; } = "";
    public string? Status { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? PayerName { get; set; }
}

/// <summary>A row of <c>clinical_events</c>: one <see cref="Engine.Facts.ClinicalEvent"/>.</summary>
public sealed class ClinicalEventRow : ResourceRow
{
    public string PatientId { get; set; } = "";
    /// <summary>The <see cref="Engine.Facts.EventKind"/> name.</summary>
    public string Kind { get; set; } = "";
    public string Codes { get; set; } = "";
    public string Categories { get; set; } = "";
    public string? Status { get; set; }
    /// <summary>Start, in UTC (the source offset is kept in the raw resource).</summary>
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public string ValueCodes { get; set; } = "";
    public decimal? ValueQuantity { get; set; }
    public string? ValueUnit { get; set; }
    public string BodySiteCodes { get; set; } = "";
    public string? LocationId { get; set; }
    public string? BasedOnId { get; set; }
}

/// <summary>A row of <c>appointments</c>: one <see cref="Engine.Facts.AppointmentFact"/>.</summary>
public sealed class AppointmentRow : ResourceRow
{
    public string PatientId { get; set; } = "";
    public string Status { get; set; } = "";
    public string ServiceCodes { get; set; } = "";
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? LocationId { get; set; }
}

/// <summary>A row of <c>sites</c>: one <see cref="Engine.Facts.SiteFact"/> (a place, not a patient's record).</summary>
public sealed class SiteRow : ResourceRow
{
    public string LocationId { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsMobile { get; set; }
    public string? PostalCode { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? OrganizationId { get; set; }
}
