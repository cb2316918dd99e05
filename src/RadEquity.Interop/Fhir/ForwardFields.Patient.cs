using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>The Patient fields, read in any order, then built exactly as <see cref="PatientProjection"/> builds them
/// from a document (the same extension URLs, the same choice of language and home address).</summary>
internal sealed partial class ForwardFields
{
    private const string UsCore = "http://hl7.org/fhir/us/core/StructureDefinition/";
    private const string Race = UsCore + "us-core-race";
    private const string Ethnicity = UsCore + "us-core-ethnicity";
    private const string BirthSex = UsCore + "us-core-birthsex";
    private const string SexExtension = UsCore + "us-core-sex";
    private const string Interpreter = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";
    private const string Geolocation = "http://hl7.org/fhir/StructureDefinition/geolocation";

    private string? _gender, _sexCode, _birthSex, _language, _firstLanguage, _postal, _state;
    private DateTimeOffset? _birthDate, _deceased;
    private List<Coding>? _race, _ethnicity;
    private bool? _interpreter;
    private double? _latitude, _longitude;
    private bool _addressChosen, _homeChosen;

    private bool PatientField(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("gender"u8))
        {
            Once(2);
            _gender = ForwardJson.Cached(ref reader, _strings);
        }
        else if (name.SequenceEqual("birthDate"u8))
        {
            Once(3);
            _birthDate = ForwardJson.DateTime(ref reader);
        }
        else if (name.SequenceEqual("deceasedDateTime"u8))
        {
            Once(4);
            _deceased = ForwardJson.DateTime(ref reader);
        }
        else if (name.SequenceEqual("extension"u8))
        {
            Once(5);
            if (ForwardJson.StartArray(ref reader))
            {
                while (ForwardJson.NextObject(ref reader))
                {
                    PatientExtension(ForwardExtension.Read(ref reader, _strings, 0));
                }
            }
        }
        else if (name.SequenceEqual("communication"u8))
        {
            Once(6);
            Communications(ref reader);
        }
        else if (name.SequenceEqual("address"u8))
        {
            Once(7);
            Addresses(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private void ResetPatient()
    {
        _gender = _sexCode = _birthSex = _language = _firstLanguage = _postal = _state = null;
        _birthDate = _deceased = null;
        _race = _ethnicity = null;
        _interpreter = null;
        _latitude = _longitude = null;
        _addressChosen = _homeChosen = false;
    }

    private void PatientExtension(ForwardExtension ext)
    {
        switch (ext.Url)
        {
            case Race:
                _race = ext.OmbCodes();
                break;
            case Ethnicity:
                _ethnicity = ext.OmbCodes();
                break;
            case BirthSex:
                _birthSex = ext.ValueCode;
                break;
            case SexExtension:
                _sexCode = ext.ValueCode;
                break;
            case Interpreter:
                _interpreter = ext.ValueBoolean;
                break;
            default:
                break;
        }
    }

    private void Communications(ref Utf8JsonReader reader)
    {
        if (!ForwardJson.StartArray(ref reader))
        {
            return;
        }

        while (ForwardJson.NextObject(ref reader))
        {
            string? code = null;
            bool? preferred = null;
            var seen = 0;
            while (ForwardJson.NextProperty(ref reader, out var name))
            {
                if (name.SequenceEqual("language"u8))
                {
                    ForwardJson.Once(ref seen, 0);
                    List<Coding>? codings = null;
                    ForwardJson.ConceptProperty(ref reader, ref codings, _strings);
                    code = codings is { Count: > 0 } ? codings[0].Code : null;
                }
                else if (name.SequenceEqual("preferred"u8))
                {
                    ForwardJson.Once(ref seen, 1);
                    preferred = ForwardJson.Boolean(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (code is null || _language is not null)
            {
                continue;
            }

            if (preferred == true)
            {
                _language = code;
            }

            _firstLanguage ??= code;
        }
    }

    private void Addresses(ref Utf8JsonReader reader)
    {
        if (!ForwardJson.StartArray(ref reader))
        {
            return;
        }

        while (ForwardJson.NextObject(ref reader))
        {
            string? use = null, postal = null, state = null;
            double? lat = null, lon = null;
            var geolocated = false;
            var seen = 0;
            while (ForwardJson.NextProperty(ref reader, out var name))
            {
                if (name.SequenceEqual("use"u8))
                {
                    ForwardJson.Once(ref seen, 0);
                    use = ForwardJson.Cached(ref reader, _strings);
                }
                else if (name.SequenceEqual("postalCode"u8))
                {
                    ForwardJson.Once(ref seen, 1);
                    postal = ForwardJson.Cached(ref reader, _strings);
                }
                else if (name.SequenceEqual("state"u8))
                {
                    ForwardJson.Once(ref seen, 2);
                    state = ForwardJson.Cached(ref reader, _strings);
                }
                else if (name.SequenceEqual("extension"u8))
                {
                    ForwardJson.Once(ref seen, 3);
                    if (ForwardJson.StartArray(ref reader))
                    {
                        while (ForwardJson.NextObject(ref reader))
                        {
                            var ext = ForwardExtension.Read(ref reader, _strings, 0);
                            if (!geolocated && ext.Url == Geolocation)
                            {
                                geolocated = true;
                                (lat, lon) = ext.LatitudeLongitude();
                            }
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            // The first home address wins; failing that, the first that is not old, billing or temp.
            if (_homeChosen || (_addressChosen && use != "home") || use is "old" or "billing" or "temp")
            {
                continue;
            }

            (_addressChosen, _homeChosen) = (true, use == "home");
            (_postal, _state, _latitude, _longitude) = (postal, state, lat, lon);
        }
    }

    private PatientFact PatientFact()
    {
        var sex = _gender switch
        {
            null or "unknown" => AdministrativeSex.Unknown,
            "female" => AdministrativeSex.Female,
            "male" => AdministrativeSex.Male,
            "other" => AdministrativeSex.Other,
            _ => throw ForwardJson.Decline(),
        };
        sex = PatientProjection.SexFromExtension(_sexCode) ?? sex;
        DateOnly? birthDate = _birthDate is { } b ? DateOnly.FromDateTime(b.DateTime) : null;
        DateOnly? deceased = _deceased is { } d ? DateOnly.FromDateTime(d.DateTime) : null;
        return new PatientFact(Id!, birthDate, sex, _birthSex, FhirJson.ToList(_race), FhirJson.ToList(_ethnicity),
            _language ?? _firstLanguage, _interpreter, PatientProjection.NormalisePostalCode(_postal), _state, _latitude,
            _longitude, deceased);
    }
}

/// <summary>An extension as the forward pass reads it: url, the value forms the projections use, and (one level
/// down) its sub-extensions.</summary>
internal sealed class ForwardExtension
{
    public string? Url { get; private set; }

    public string? ValueCode { get; private set; }

    public bool? ValueBoolean { get; private set; }

    public decimal? ValueDecimal { get; private set; }

    public Coding? ValueCoding { get; private set; }

    public List<ForwardExtension>? Extensions { get; private set; }

    /// <summary>An extension object (the reader on its start); deeper sub-extensions are skipped.</summary>
    public static ForwardExtension Read(ref Utf8JsonReader reader, Utf8StringCache strings, int depth)
    {
        var ext = new ForwardExtension();
        var seen = 0;
        while (ForwardJson.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("url"u8))
            {
                ForwardJson.Once(ref seen, 0);
                ext.Url = ForwardJson.Cached(ref reader, strings);
            }
            else if (name.SequenceEqual("valueCode"u8))
            {
                ForwardJson.Once(ref seen, 1);
                ext.ValueCode = ForwardJson.Cached(ref reader, strings);
            }
            else if (name.SequenceEqual("valueBoolean"u8))
            {
                ForwardJson.Once(ref seen, 2);
                ext.ValueBoolean = ForwardJson.Boolean(ref reader);
            }
            else if (name.SequenceEqual("valueDecimal"u8))
            {
                ForwardJson.Once(ref seen, 3);
                ext.ValueDecimal = ForwardJson.Decimal(ref reader);
            }
            else if (name.SequenceEqual("valueCoding"u8))
            {
                ForwardJson.Once(ref seen, 4);
                ext.ValueCoding = reader.TokenType == JsonTokenType.Null ? null : ForwardJson.Coding(ref reader, strings);
            }
            else if (name.SequenceEqual("extension"u8) && depth == 0)
            {
                ForwardJson.Once(ref seen, 5);
                if (ForwardJson.StartArray(ref reader))
                {
                    ext.Extensions = [];
                    while (ForwardJson.NextObject(ref reader))
                    {
                        ext.Extensions.Add(Read(ref reader, strings, 1));
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return ext;
    }

    /// <summary>The ombCategory and detailed codings of a race or ethnicity extension.</summary>
    public List<Coding> OmbCodes()
    {
        var codes = new List<Coding>(2);
        foreach (var sub in Extensions ?? [])
        {
            if (sub.Url is "ombCategory" or "detailed" && sub.ValueCoding is { } coding)
            {
                codes.Add(coding);
            }
        }

        return codes;
    }

    /// <summary>The latitude and longitude of a geolocation extension (the last of each wins).</summary>
    public (double? Latitude, double? Longitude) LatitudeLongitude()
    {
        double? lat = null, lon = null;
        foreach (var sub in Extensions ?? [])
        {
            switch (sub.Url)
            {
                case "latitude":
                    lat = sub.ValueDecimal is { } a ? (double)a : null;
                    break;
                case "longitude":
                    lon = sub.ValueDecimal is { } o ? (double)o : null;
                    break;
                default:
                    break;
            }
        }

        return (lat, lon);
    }
}
