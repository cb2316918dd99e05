using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Ingest;

namespace RadEquity.Data.Outreach;

/// <summary>How to reach one patient: the first given name, mobile or other phone, e-mail and postal address.</summary>
public sealed record PatientContact(string Source, string PatientId, string? FirstName, string? Phone, string? Email, IReadOnlyList<string> Address)
{
    public bool HasAddress => Address.Count > 0;

    /// <summary>True when <see cref="Phone"/> is a mobile phone, which can take text messages.</summary>
    public bool PhoneIsMobile { get; init; }

    /// <summary>The ways to reach the patient, sorted: <c>email</c>, <c>phone</c>, and <c>sms</c> for a mobile phone.</summary>
    public IReadOnlyList<string> Channels =>
        [.. new[] { Email is null ? null : "email", Phone is null ? null : "phone", PhoneIsMobile ? "sms" : null }.OfType<string>()];
}

/// <summary>
/// Reads contact details from the stored raw Patient resource: they are not facts (no measure uses them), so they live
/// only in <c>raw_resources</c>, and are read here when a message is about to go out.
/// </summary>
public sealed class PatientContacts(StoreTarget store)
{
    /// <summary>The patient's contact details; null when no raw Patient resource is stored for them.</summary>
    public async Task<PatientContact?> ReadAsync(string source, string patientId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var content = await db.RawResources.AsNoTracking()
            .Where(r => r.Source == source && r.ResourceType == "Patient" && r.ResourceId == patientId)
            .Select(r => r.Content)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return content is null ? null : Parse(source, patientId, RawContent.Decompress(content));
    }

    /// <summary>The contact details of each of <paramref name="patients"/> that has a raw Patient resource, read in a few
    /// queries (ids in chunks per source) rather than one per patient: a reply to a campaign's texts is matched among
    /// thousands of patients.</summary>
    public async Task<IReadOnlyList<PatientContact>> ReadManyAsync(IEnumerable<(string Source, string PatientId)> patients,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patients);
        const int Chunk = 500;
        var found = new List<PatientContact>();
        await using var db = store.CreateDbContext();
        foreach (var source in patients.Distinct().GroupBy(p => p.Source, StringComparer.Ordinal))
        {
            foreach (var ids in source.Select(p => p.PatientId).Chunk(Chunk))
            {
                var rows = await db.RawResources.AsNoTracking()
                    .Where(r => r.Source == source.Key && r.ResourceType == "Patient" && ids.Contains(r.ResourceId))
                    .Select(r => new { r.ResourceId, r.Content })
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                found.AddRange(rows.Select(r => Parse(source.Key, r.ResourceId, RawContent.Decompress(r.Content))));
            }
        }

        return found;
    }

    /// <summary>The contact details in a FHIR Patient's JSON (telecom, name, address); missing parts are null or empty.</summary>
    public static PatientContact Parse(string source, string patientId, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var phone = Telecom(root, "phone", out var mobile);
        return new PatientContact(source, patientId, FirstName(root), phone, Telecom(root, "email", out _), Address(root)) { PhoneIsMobile = mobile };
    }

    /// <summary>
    /// A phone number in E.164 (<c>+15550100007</c>) for comparing numbers written different ways: punctuation and
    /// spaces dropped, a 10-digit number (or 11 digits starting with 1) read as North American (+1), a number written
    /// with + kept with its country code. Null when it cannot be read (too short, too long, or letters).
    /// </summary>
    public static string? NormalisePhone(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        var trimmed = number.Trim();
        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        if (trimmed.Any(char.IsAsciiLetter))
        {
            return null;
        }

        return (trimmed.StartsWith('+'), digits.Length) switch
        {
            (true, >= 8 and <= 15) => "+" + digits,
            (false, 10) => "+1" + digits,
            (false, 11) when digits[0] == '1' => "+" + digits,
            _ => null,
        };
    }

    private static string? FirstName(JsonElement root)
    {
        if (!root.TryGetProperty("name", out var names) || names.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var name in names.EnumerateArray())
        {
            if (name.TryGetProperty("given", out var given) && given.ValueKind == JsonValueKind.Array && given.GetArrayLength() > 0)
            {
                return given[0].GetString();
            }
        }

        return null;
    }

    // A mobile phone first (it can take text messages), then any other that is not marked old.
    private static string? Telecom(JsonElement root, string system, out bool mobile)
    {
        mobile = false;
        if (!root.TryGetProperty("telecom", out var telecom) || telecom.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        string? any = null;
        foreach (var point in telecom.EnumerateArray())
        {
            if (Text(point, "system") != system || Text(point, "value") is not { Length: > 0 } value || Text(point, "use") == "old")
            {
                continue;
            }

            if (Text(point, "use") == "mobile")
            {
                mobile = true;
                return value;
            }

            any ??= value;
        }

        return any;
    }

    private static List<string> Address(JsonElement root)
    {
        if (!root.TryGetProperty("address", out var addresses) || addresses.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        foreach (var address in addresses.EnumerateArray())
        {
            if (Text(address, "use") is "old" or "billing")
            {
                continue;
            }

            var lines = new List<string>();
            if (address.TryGetProperty("line", out var street) && street.ValueKind == JsonValueKind.Array)
            {
                lines.AddRange(street.EnumerateArray().Select(l => l.GetString()).OfType<string>());
            }

            var place = string.Join(' ', new[] { Text(address, "city") is { } city ? city + "," : null, Text(address, "state"),
                Text(address, "postalCode") }.OfType<string>());
            if (place.Length > 0)
            {
                lines.Add(place);
            }

            return lines;
        }

        return [];
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
