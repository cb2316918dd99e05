using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>ImagingStudy, MedicationRequest and Coverage fields, the shared choice, quantity and partOf readers, and
/// the facts built from what was read.</summary>
internal sealed partial class ForwardFields
{
    private bool ImagingStudyField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("procedureCode"u8))
        {
            Once(6);
            ForwardJson.Concepts(ref reader, ref _codes, _strings);
        }
        else if (name.SequenceEqual("modality"u8))
        {
            Once(7);
            if (ForwardJson.StartArray(ref reader))
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (ForwardJson.Coding(ref reader, _strings) is { } coding)
                    {
                        (_modalities ??= new List<Coding>(2)).Add(coding);
                    }
                }
            }
        }
        else if (name.SequenceEqual("series"u8))
        {
            Once(8);
            if (ForwardJson.StartArray(ref reader))
            {
                while (ForwardJson.NextObject(ref reader))
                {
                    Series(ref reader);
                }
            }
        }
        else if (name.SequenceEqual("started"u8))
        {
            Once(9);
            _other = ForwardJson.DateTime(ref reader);
        }
        else if (name.SequenceEqual("location"u8))
        {
            Once(10);
            _location = ForwardJson.Reference(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>One series: its modality, bodySite and laterality codings, kept in that order (three slots).</summary>
    private void Series(ref Utf8JsonReader reader)
    {
        Coding? modality = null, site = null, side = null;
        var seen = 0;
        while (ForwardJson.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("modality"u8))
            {
                ForwardJson.Once(ref seen, 0);
                modality = reader.TokenType == JsonTokenType.Null ? null : ForwardJson.Coding(ref reader, _strings);
            }
            else if (name.SequenceEqual("bodySite"u8))
            {
                ForwardJson.Once(ref seen, 1);
                site = reader.TokenType == JsonTokenType.Null ? null : ForwardJson.Coding(ref reader, _strings);
            }
            else if (name.SequenceEqual("laterality"u8))
            {
                ForwardJson.Once(ref seen, 2);
                side = reader.TokenType == JsonTokenType.Null ? null : ForwardJson.Coding(ref reader, _strings);
            }
            else
            {
                reader.Skip();
            }
        }

        _series ??= new List<Coding?>(3);
        _series.Add(modality);
        _series.Add(site);
        _series.Add(side);
    }

    private bool MedicationRequestField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("medicationCodeableConcept"u8))
        {
            Once(6);
            ForwardJson.ConceptProperty(ref reader, ref _codes, _strings);
        }
        else if (name.SequenceEqual("category"u8))
        {
            Once(7);
            ForwardJson.Concepts(ref reader, ref _categories, _strings);
        }
        else if (name.SequenceEqual("authoredOn"u8))
        {
            Once(8);
            _other = ForwardJson.DateTime(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private bool CoverageField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("beneficiary"u8))
        {
            Once(6);
            _patient = ForwardJson.PatientReference(ref reader, _strings);
        }
        else if (name.SequenceEqual("type"u8))
        {
            Once(7);
            if (reader.TokenType != JsonTokenType.Null)
            {
                _typeText = ForwardJson.Concept(ref reader, ref _codes, _strings, wantText: true);
            }
        }
        else if (name.SequenceEqual("period"u8))
        {
            Once(8);
            ForwardJson.Period(ref reader, out _start, out _end);
        }
        else if (name.SequenceEqual("payor"u8))
        {
            Once(9);
            if (ForwardJson.StartArray(ref reader))
            {
                while (ForwardJson.NextObject(ref reader))
                {
                    Payor(ref reader);
                }
            }
        }
        else
        {
            return false;
        }

        return true;
    }

    private void Payor(ref Utf8JsonReader reader)
    {
        string? display = null, reference = null;
        var seen = 0;
        while (ForwardJson.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("display"u8))
            {
                ForwardJson.Once(ref seen, 0);
                display = ForwardJson.String(ref reader);
            }
            else if (name.SequenceEqual("reference"u8))
            {
                ForwardJson.Once(ref seen, 1);
                reference = ForwardJson.String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        _payer ??= display ?? reference;
    }

    private CoverageFact Coverage(References refs)
    {
        var patient = Patient(refs);
        var codes = _codes ?? [];
        var category = PayerCategories.FromCodes(codes);
        if (category == PayerCategory.Unknown)
        {
            category = PayerCategories.FromText(_typeText);
        }

        if (category == PayerCategory.Unknown)
        {
            category = PayerCategories.FromText(_payer);
        }

        return new CoverageFact(patient, category, FhirJson.ToList(_codes), _status, ToDate(_start), ToDate(_end), _payer);
    }

    private ClinicalEvent Condition(References refs)
    {
        var status = ClinicalProjection.VerificationOverride(_verification) ?? (_clinical is { Count: > 0 } ? _clinical[0].Code : null);
        var (start, _) = Choice();
        start ??= _other;
        var abatement = _abatementAt ?? _abatementInstant;
        var (abatementStart, abatementEnd) = abatement is not null ? (abatement, abatement) : (_abatementStart, _abatementEnd);
        return Event(refs, EventKind.Condition, _codes, _categories, status, (start, abatementEnd ?? abatementStart),
            null, null, null, _body, null, null);
    }

    private ClinicalEvent Report(References refs)
    {
        var (start, end) = Choice();
        start ??= _other;
        end ??= start;
        return Event(refs, EventKind.DiagnosticReport, _codes, _categories, _status, (start, end), _values, null, null,
            null, null, BasedOn(refs, true));
    }

    private ClinicalEvent ImagingStudy(References refs)
    {
        List<Coding>? modalities = _modalities is { Count: > 0 } ? [.. _modalities] : null, body = null;
        if (_series is not null)
        {
            for (var i = 0; i < _series.Count; i += 3)
            {
                AddDistinct(_series[i], ref modalities);
                AddDistinct(_series[i + 1], ref body);
                AddDistinct(_series[i + 2], ref body);
            }
        }

        return Event(refs, EventKind.ImagingStudy, _codes, null, _status, (_other, _other), modalities, null, null, body,
            refs.ResolveLoose(_location, "Location"), BasedOn(refs, true));
    }

    private static void AddDistinct(Coding? coding, ref List<Coding>? into)
    {
        if (coding is { } c && (into is null || !into.Contains(c)))
        {
            (into ??= new List<Coding>(2)).Add(c);
        }
    }

    private ClinicalEvent Event(References refs, EventKind kind, List<Coding>? codes, List<Coding>? categories,
        string? status, (DateTimeOffset? Start, DateTimeOffset? End) at, List<Coding>? values, decimal? quantity,
        string? unit, List<Coding>? body, string? location, string? basedOn) =>
        new(Patient(refs), kind, FhirJson.ToList(codes), FhirJson.ToList(categories), status, at.Start, at.End,
            FhirJson.ToList(values), quantity, unit, FhirJson.ToList(body), location, basedOn);

    /// <summary>The subject (beneficiary for Coverage) as a Patient id; otherwise the document path decides.</summary>
    private string Patient(References refs) =>
        ReferenceEquals(refs, References.None) && _patient is not null ? _patient : throw ForwardJson.Decline();

    private (DateTimeOffset? Start, DateTimeOffset? End) Choice()
    {
        var at = _at ?? _instant;
        return at is not null ? (at, at) : (_start, _end);
    }

    private string? EncounterLocation(References refs)
    {
        if (_locations is not null)
        {
            foreach (var reference in _locations)
            {
                if (refs.ResolveLoose(reference, "Location") is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private string? BasedOn(References refs, bool partOf)
    {
        if (_basedOn is not null)
        {
            foreach (var reference in _basedOn)
            {
                if (refs.IdOf(reference) is { } id)
                {
                    return id;
                }
            }
        }

        if (!partOf)
        {
            return null;
        }

        if (_partOfIsObject)
        {
            return refs.IdOf(_partOf);
        }

        if (_partOfs is not null)
        {
            foreach (var reference in _partOfs)
            {
                if (refs.IdOf(reference) is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private static DateOnly? ToDate(DateTimeOffset? value) => value is { } v ? DateOnly.FromDateTime(v.DateTime) : null;

    /// <summary>A choice element's dateTime, instant and Period forms (bits 20..22).</summary>
    private bool ChoiceField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name, ReadOnlySpan<byte> dateTime,
        ReadOnlySpan<byte> instant, ReadOnlySpan<byte> period)
    {
        if (name.SequenceEqual(dateTime))
        {
            Once(20);
            _at = ForwardJson.DateTime(ref reader);
        }
        else if (name.SequenceEqual(instant))
        {
            Once(21);
            _instant = ForwardJson.DateTime(ref reader);
        }
        else if (name.SequenceEqual(period))
        {
            Once(22);
            ForwardJson.Period(ref reader, out _start, out _end);
        }
        else
        {
            return false;
        }

        return true;
    }

    private void Quantity(ref Utf8JsonReader reader)
    {
        if (!ForwardJson.StartObject(ref reader))
        {
            return;
        }

        var seen = 0;
        while (ForwardJson.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("value"u8))
            {
                ForwardJson.Once(ref seen, 0);
                _quantity = ForwardJson.Decimal(ref reader);
            }
            else if (name.SequenceEqual("unit"u8))
            {
                ForwardJson.Once(ref seen, 1);
                _unit = ForwardJson.Cached(ref reader, _strings);
            }
            else if (name.SequenceEqual("code"u8))
            {
                ForwardJson.Once(ref seen, 2);
                _unitCode = ForwardJson.Cached(ref reader, _strings);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>partOf: one Reference (Procedure, Observation...) or an array of them.</summary>
    private void PartOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            _partOf = ForwardJson.Reference(ref reader);
            _partOfIsObject = true;
        }
        else
        {
            ForwardJson.References(ref reader, ref _partOfs);
        }
    }

    private bool _partOfIsObject;
}
