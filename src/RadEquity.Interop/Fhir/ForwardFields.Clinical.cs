using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>The clinical and coverage fields: read in any order, then built exactly as
/// <see cref="ClinicalProjection"/>, <see cref="MedicationDeviceProjection"/> and <see cref="CoverageProjection"/>
/// build them from a document.</summary>
internal sealed partial class ForwardFields
{
    private string? _status, _patient, _location, _partOf, _typeText, _payer;
    private List<Coding>? _codes, _categories, _values, _body, _verification, _clinical, _modalities;
    private List<Coding?>? _series;
    private List<string?>? _basedOn, _partOfs, _locations;
    private DateTimeOffset? _at, _instant, _start, _end, _other, _abatementAt, _abatementInstant, _abatementStart, _abatementEnd;
    private decimal? _quantity;
    private string? _unit, _unitCode;

    /// <summary>Clears what the previous resource left, for a resource of <paramref name="kind"/>.</summary>
    public ForwardFields Reset(ForwardKind kind)
    {
        Kind = kind;
        _seen = 0;
        Id = VersionId = null;
        LastUpdated = null;
        _status = _patient = _location = _partOf = _typeText = _payer = _unit = _unitCode = null;
        _codes?.Clear();
        _categories?.Clear();
        _values?.Clear();
        _body?.Clear();
        _verification?.Clear();
        _clinical?.Clear();
        _modalities?.Clear();
        _series?.Clear();
        _basedOn?.Clear();
        _partOfs?.Clear();
        _locations?.Clear();
        _at = _instant = _start = _end = _other = _abatementAt = _abatementInstant = _abatementStart = _abatementEnd = null;
        _quantity = null;
        _partOfIsObject = false;
        ResetPatient();
        return this;
    }

    /// <summary>Reads a property this resource type projects; false when the property is not one of them.</summary>
    public bool Specific(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (Kind == ForwardKind.Patient)
        {
            return PatientField(ref reader, name);
        }

        if (name.SequenceEqual("subject"u8) && Kind != ForwardKind.Coverage)
        {
            Once(2);
            _patient = ForwardJson.PatientReference(ref reader, _strings);
        }
        else if (name.SequenceEqual("status"u8) && Kind != ForwardKind.Condition)
        {
            Once(3);
            _status = ForwardJson.Cached(ref reader, _strings);
        }
        else if (name.SequenceEqual("basedOn"u8) && Kind != ForwardKind.Coverage && Kind != ForwardKind.Condition)
        {
            Once(4);
            ForwardJson.References(ref reader, ref _basedOn);
        }
        else if (name.SequenceEqual("partOf"u8) && Kind is not (ForwardKind.Coverage or ForwardKind.Condition or ForwardKind.MedicationRequest))
        {
            Once(5);
            PartOf(ref reader);
        }
        else
        {
            return Kind switch
            {
                ForwardKind.Observation => ObservationField(ref reader, name),
                ForwardKind.Encounter => EncounterField(ref reader, name),
                ForwardKind.Procedure => ProcedureField(ref reader, name),
                ForwardKind.Condition => ConditionField(ref reader, name),
                ForwardKind.DiagnosticReport => ReportField(ref reader, name),
                ForwardKind.ImagingStudy => ImagingStudyField(ref reader, name),
                ForwardKind.MedicationRequest => MedicationRequestField(ref reader, name),
                ForwardKind.Coverage => CoverageField(ref reader, name),
                ForwardKind.Patient or ForwardKind.None => false,
                _ => false,
            };
        }

        return true;
    }

    /// <summary>The fact, built as the document path builds it; throws (and so declines) where it would.</summary>
    public Fact Build(string type, References refs) => Kind switch
    {
        ForwardKind.Observation => Event(refs, EventKind.Observation, _codes, _categories, _status, Choice(), _values,
            _quantity, _unit ?? _unitCode, _body, null, BasedOn(refs, true)),
        ForwardKind.Encounter => Event(refs, EventKind.Encounter, _codes, _categories, _status, (_start, _end), _values,
            null, null, null, EncounterLocation(refs), BasedOn(refs, true)),
        ForwardKind.Procedure => Event(refs, EventKind.Procedure, _codes, _categories, _status, Choice(), _values,
            null, null, _body, refs.ResolveLoose(_location, "Location"), BasedOn(refs, true)),
        ForwardKind.Condition => Condition(refs),
        ForwardKind.DiagnosticReport => Report(refs),
        ForwardKind.ImagingStudy => ImagingStudy(refs),
        ForwardKind.MedicationRequest => Event(refs, EventKind.Medication, _codes, _categories, _status, (_other, _other),
            null, null, null, null, null, BasedOn(refs, false)),
        ForwardKind.Coverage => Coverage(refs),
        ForwardKind.Patient => PatientFact(),
        ForwardKind.None => throw new ArgumentException("no forward reader for " + type, nameof(type)),
        _ => throw new ArgumentException("no forward reader for " + type, nameof(type)),
    };

    private bool ObservationField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("code"u8))
        {
            Once(6);
            ForwardJson.ConceptProperty(ref reader, ref _codes, _strings);
        }
        else if (name.SequenceEqual("category"u8))
        {
            Once(7);
            ForwardJson.Concepts(ref reader, ref _categories, _strings);
        }
        else if (name.SequenceEqual("valueCodeableConcept"u8))
        {
            Once(8);
            ForwardJson.ConceptProperty(ref reader, ref _values, _strings);
        }
        else if (name.SequenceEqual("valueQuantity"u8))
        {
            Once(9);
            Quantity(ref reader);
        }
        else if (name.SequenceEqual("bodySite"u8))
        {
            Once(10);
            ForwardJson.ConceptProperty(ref reader, ref _body, _strings);
        }
        else
        {
            return ChoiceField(ref reader, name, "effectiveDateTime"u8, "effectiveInstant"u8, "effectivePeriod"u8);
        }

        return true;
    }

    private bool EncounterField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("type"u8))
        {
            Once(6);
            ForwardJson.Concepts(ref reader, ref _codes, _strings);
        }
        else if (name.SequenceEqual("class"u8))
        {
            Once(7);
            if (reader.TokenType != JsonTokenType.Null && ForwardJson.Coding(ref reader, _strings) is { } coding)
            {
                (_categories ??= new List<Coding>(1)).Add(coding);
            }
        }
        else if (name.SequenceEqual("hospitalization"u8))
        {
            Once(8);
            if (ForwardJson.StartObject(ref reader))
            {
                var seen = 0;
                while (ForwardJson.NextProperty(ref reader, out var inner))
                {
                    if (inner.SequenceEqual("dischargeDisposition"u8))
                    {
                        ForwardJson.Once(ref seen, 0);
                        ForwardJson.ConceptProperty(ref reader, ref _values, _strings);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        else if (name.SequenceEqual("period"u8))
        {
            Once(9);
            ForwardJson.Period(ref reader, out _start, out _end);
        }
        else if (name.SequenceEqual("location"u8))
        {
            Once(10);
            if (ForwardJson.StartArray(ref reader))
            {
                while (ForwardJson.NextObject(ref reader))
                {
                    var seen = 0;
                    string? reference = null;
                    while (ForwardJson.NextProperty(ref reader, out var inner))
                    {
                        if (inner.SequenceEqual("location"u8))
                        {
                            ForwardJson.Once(ref seen, 0);
                            reference = ForwardJson.Reference(ref reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    (_locations ??= new List<string?>(1)).Add(reference);
                }
            }
        }
        else
        {
            return false;
        }

        return true;
    }

    private bool ProcedureField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("code"u8))
        {
            Once(6);
            ForwardJson.ConceptProperty(ref reader, ref _codes, _strings);
        }
        else if (name.SequenceEqual("category"u8))
        {
            Once(7);
            ForwardJson.ConceptProperty(ref reader, ref _categories, _strings);
        }
        else if (name.SequenceEqual("outcome"u8))
        {
            Once(8);
            ForwardJson.ConceptProperty(ref reader, ref _values, _strings);
        }
        else if (name.SequenceEqual("bodySite"u8))
        {
            Once(9);
            ForwardJson.Concepts(ref reader, ref _body, _strings);
        }
        else if (name.SequenceEqual("location"u8))
        {
            Once(10);
            _location = ForwardJson.Reference(ref reader);
        }
        else
        {
            return ChoiceField(ref reader, name, "performedDateTime"u8, "performedInstant"u8, "performedPeriod"u8);
        }

        return true;
    }

    private bool ConditionField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("code"u8))
        {
            Once(6);
            ForwardJson.ConceptProperty(ref reader, ref _codes, _strings);
        }
        else if (name.SequenceEqual("category"u8))
        {
            Once(7);
            ForwardJson.Concepts(ref reader, ref _categories, _strings);
        }
        else if (name.SequenceEqual("bodySite"u8))
        {
            Once(8);
            ForwardJson.Concepts(ref reader, ref _body, _strings);
        }
        else if (name.SequenceEqual("verificationStatus"u8))
        {
            Once(9);
            ForwardJson.ConceptProperty(ref reader, ref _verification, _strings);
        }
        else if (name.SequenceEqual("clinicalStatus"u8))
        {
            Once(10);
            ForwardJson.ConceptProperty(ref reader, ref _clinical, _strings);
        }
        else if (name.SequenceEqual("recordedDate"u8))
        {
            Once(11);
            _other = ForwardJson.DateTime(ref reader);
        }
        else if (name.SequenceEqual("abatementDateTime"u8))
        {
            Once(12);
            _abatementAt = ForwardJson.DateTime(ref reader);
        }
        else if (name.SequenceEqual("abatementInstant"u8))
        {
            Once(13);
            _abatementInstant = ForwardJson.DateTime(ref reader);
        }
        else if (name.SequenceEqual("abatementPeriod"u8))
        {
            Once(14);
            ForwardJson.Period(ref reader, out _abatementStart, out _abatementEnd);
        }
        else
        {
            return ChoiceField(ref reader, name, "onsetDateTime"u8, "onsetInstant"u8, "onsetPeriod"u8);
        }

        return true;
    }

    private bool ReportField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("code"u8))
        {
            Once(6);
            ForwardJson.ConceptProperty(ref reader, ref _codes, _strings);
        }
        else if (name.SequenceEqual("category"u8))
        {
            Once(7);
            ForwardJson.Concepts(ref reader, ref _categories, _strings);
        }
        else if (name.SequenceEqual("conclusionCode"u8))
        {
            Once(8);
            ForwardJson.Concepts(ref reader, ref _values, _strings);
        }
        else if (name.SequenceEqual("issued"u8))
        {
            Once(9);
            _other = ForwardJson.DateTime(ref reader);
        }
        else
        {
            return ChoiceField(ref reader, name, "effectiveDateTime"u8, "effectiveInstant"u8, "effectivePeriod"u8);
        }

        return true;
    }
}
