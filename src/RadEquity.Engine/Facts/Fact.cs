namespace RadEquity.Engine.Facts;

/// <summary>
/// A typed fact projected from one source resource. Each resource yields at most one fact; the closed set of
/// subtypes is what measures, stratifiers and actions read.
/// </summary>
public abstract record Fact;

/// <summary>Sex for measures: the US Core <c>us-core-sex</c> extension (QI-Core 6 <c>Patient.sex</c>) when present,
/// else FHIR <c>Patient.gender</c>.</summary>
public enum AdministrativeSex
{
    /// <summary>Not recorded or <c>unknown</c>.</summary>
    Unknown,
    /// <summary><c>female</c>.</summary>
    Female,
    /// <summary><c>male</c>.</summary>
    Male,
    /// <summary><c>other</c>.</summary>
    Other,
}

/// <summary>
/// Demographics and geography of a patient (FHIR Patient, US Core).
/// </summary>
/// <param name="PatientId">The Patient's logical id.</param>
/// <param name="BirthDate">Date of birth; partial dates are read as their first day.</param>
/// <param name="Sex">Administrative sex.</param>
/// <param name="BirthSex">US Core birth sex code (F, M, UNK), when present.</param>
/// <param name="RaceCodes">CDC Race and Ethnicity codes from us-core-race (OMB and detailed), or the
/// null-flavour codes UNK / ASKU; empty when the extension is absent.</param>
/// <param name="EthnicityCodes">CDC codes from us-core-ethnicity, likewise.</param>
/// <param name="LanguageCode">BCP-47 code of the preferred language (Patient.communication), when present.</param>
/// <param name="NeedsInterpreter">The patient-interpreterRequired extension, when present.</param>
/// <param name="PostalCode">Postal (ZIP) code of the home address; five digits when US.</param>
/// <param name="State">State of the home address.</param>
/// <param name="Latitude">Home geolocation (FHIR geolocation extension), when present.</param>
/// <param name="Longitude">Home geolocation, when present.</param>
/// <param name="DeceasedDate">Date of death, when known.</param>
public sealed record PatientFact(
    string PatientId,
    DateOnly? BirthDate,
    AdministrativeSex Sex,
    string? BirthSex,
    IReadOnlyList<Coding> RaceCodes,
    IReadOnlyList<Coding> EthnicityCodes,
    string? LanguageCode,
    bool? NeedsInterpreter,
    string? PostalCode,
    string? State,
    double? Latitude,
    double? Longitude,
    DateOnly? DeceasedDate) : Fact;

/// <summary>Payer category, from the Source of Payment Typology's top-level families.</summary>
public enum PayerCategory
{
    /// <summary>No coverage recorded, or an unmapped code.</summary>
    Unknown,
    /// <summary>SOPT 1 (Medicare).</summary>
    Medicare,
    /// <summary>SOPT 2 (Medicaid).</summary>
    Medicaid,
    /// <summary>SOPT 5 and 6 (private health insurance, Blue Cross/Blue Shield).</summary>
    Private,
    /// <summary>SOPT 8 (no payment from an organisation: self-pay, charity, no charge).</summary>
    Uninsured,
    /// <summary>Every other SOPT family (government, corrections, other).</summary>
    Other,
}

/// <summary>A patient's coverage (FHIR Coverage).</summary>
/// <param name="PatientId">The beneficiary's Patient id.</param>
/// <param name="Category">The payer category derived from <paramref name="TypeCodes"/>.</param>
/// <param name="TypeCodes">Coverage.type codings (SOPT and others).</param>
/// <param name="Status">Coverage.status.</param>
/// <param name="Start">Coverage.period.start.</param>
/// <param name="End">Coverage.period.end; null when open.</param>
/// <param name="PayerName">The payor's display name or reference, when present.</param>
public sealed record CoverageFact(
    string PatientId,
    PayerCategory Category,
    IReadOnlyList<Coding> TypeCodes,
    string? Status,
    DateOnly? Start,
    DateOnly? End,
    string? PayerName) : Fact;

/// <summary>What kind of resource a <see cref="ClinicalEvent"/> came from.</summary>
public enum EventKind
{
    /// <summary>FHIR Encounter (visits; discharge disposition in the value codes).</summary>
    Encounter,
    /// <summary>FHIR Procedure.</summary>
    Procedure,
    /// <summary>FHIR ImagingStudy (procedure codes in the codes, modality in the value codes).</summary>
    ImagingStudy,
    /// <summary>FHIR DiagnosticReport.</summary>
    DiagnosticReport,
    /// <summary>FHIR Observation (assessments such as BI-RADS and Lung-RADS, smoking status, pack-years).</summary>
    Observation,
    /// <summary>FHIR Condition (onset to abatement).</summary>
    Condition,
    /// <summary>FHIR MedicationRequest, MedicationDispense or MedicationAdministration.</summary>
    Medication,
    /// <summary>FHIR DeviceRequest or DeviceUseStatement.</summary>
    Device,
}

/// <summary>
/// A coded clinical event of one patient: what happened (codes), when (start to end), and its result.
/// </summary>
/// <param name="PatientId">The subject's Patient id.</param>
/// <param name="Kind">The resource family.</param>
/// <param name="Codes">What it is: code.coding (type for Encounter, procedureCode for ImagingStudy).</param>
/// <param name="Categories">Category codings (Observation.category, DiagnosticReport.category, ...).</param>
/// <param name="Status">The resource's status (final, completed, cancelled, entered-in-error, ...).</param>
/// <param name="Start">When it started or happened (effective, performed, period.start, onset, started).</param>
/// <param name="End">When it ended (period.end, abatement); equal to <paramref name="Start"/> for instants.</param>
/// <param name="ValueCodes">Coded result: valueCodeableConcept (BI-RADS, Lung-RADS, smoking status),
/// the discharge disposition of an Encounter, the modalities of an ImagingStudy, DiagnosticReport.conclusionCode.</param>
/// <param name="ValueQuantity">Numeric result (valueQuantity.value), e.g. pack-years.</param>
/// <param name="ValueUnit">Unit of <paramref name="ValueQuantity"/>.</param>
/// <param name="BodySiteCodes">Body site and laterality codings, when present.</param>
/// <param name="LocationId">The Location where it happened, when referenced.</param>
/// <param name="BasedOnId">The id of a request or earlier event this one answers (basedOn / partOf), when present.</param>
public sealed record ClinicalEvent(
    string PatientId,
    EventKind Kind,
    IReadOnlyList<Coding> Codes,
    IReadOnlyList<Coding> Categories,
    string? Status,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    IReadOnlyList<Coding> ValueCodes,
    decimal? ValueQuantity,
    string? ValueUnit,
    IReadOnlyList<Coding> BodySiteCodes,
    string? LocationId,
    string? BasedOnId) : Fact;

/// <summary>A scheduled visit (FHIR Appointment): kept, missed or cancelled.</summary>
/// <param name="PatientId">The patient participant's id.</param>
/// <param name="Status">Appointment.status (booked, fulfilled, noshow, cancelled, ...).</param>
/// <param name="ServiceCodes">serviceType and reasonCode codings.</param>
/// <param name="Start">Appointment.start.</param>
/// <param name="End">Appointment.end.</param>
/// <param name="Created">Appointment.created: when it was booked (lead time = start - created).</param>
/// <param name="LocationId">The Location participant, when present.</param>
public sealed record AppointmentFact(
    string PatientId,
    string Status,
    IReadOnlyList<Coding> ServiceCodes,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    DateTimeOffset? Created,
    string? LocationId) : Fact;

/// <summary>A place where care is given (FHIR Location), used for distance and access.</summary>
/// <param name="LocationId">The Location's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="IsMobile">True for a mobile unit (Location.mode = kind or physicalType vehicle).</param>
/// <param name="PostalCode">Address postal code.</param>
/// <param name="Latitude">Location.position.latitude.</param>
/// <param name="Longitude">Location.position.longitude.</param>
/// <param name="OrganizationId">managingOrganization, when present.</param>
public sealed record SiteFact(
    string LocationId,
    string Name,
    bool IsMobile,
    string? PostalCode,
    double? Latitude,
    double? Longitude,
    string? OrganizationId) : Fact;
