namespace RadEquity.Interop.Fhir;

/// <summary>
/// Resolves FHIR reference strings to resource ids: relative (<c>Patient/123</c>, with or without
/// <c>/_history/n</c>), absolute (<c>https://server/fhir/Patient/123</c>), and — inside a Bundle — any
/// entry fullUrl (<c>urn:uuid:...</c> or absolute), mapped to the entry resource's id.
/// </summary>
internal sealed class References
{
    /// <summary>The resolver for resources read outside a Bundle (NDJSON, single resources).</summary>
    public static readonly References None = new();

    private readonly Dictionary<string, (string Type, string Id)> _fullUrls = new(StringComparer.Ordinal);

    public int Count => _fullUrls.Count;

    /// <summary>Registers a Bundle entry's fullUrl as naming the resource (type, id).</summary>
    public void Add(string fullUrl, string type, string id) => _fullUrls.TryAdd(fullUrl, (type, id));

    /// <summary>
    /// The id a reference names when it is a reference to <paramref name="type"/>; false when it names another
    /// type or cannot be resolved (an unknown urn:uuid, a contained or a conditional reference).
    /// </summary>
    public bool TryResolve(string? reference, string type, out string id)
    {
        id = string.Empty;
        if (string.IsNullOrEmpty(reference) || reference[0] == '#')
        {
            return false;
        }

        if (_fullUrls.TryGetValue(reference, out var target))
        {
            id = target.Id;
            return string.Equals(target.Type, type, StringComparison.Ordinal);
        }

        if (reference.StartsWith("urn:", StringComparison.Ordinal) || reference.Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        var span = reference.AsSpan();
        var history = span.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0)
        {
            span = span[..history];
        }

        var slash = span.LastIndexOf('/');
        if (slash <= 0 || slash == span.Length - 1)
        {
            return false;
        }

        var typePart = span[..slash];
        var typeSlash = typePart.LastIndexOf('/');
        if (typeSlash >= 0)
        {
            typePart = typePart[(typeSlash + 1)..];
        }

        if (!typePart.SequenceEqual(type))
        {
            return false;
        }

        id = span[(slash + 1)..].ToString();
        return true;
    }

    /// <summary>
    /// Like <see cref="TryResolve"/>, and also reads a conditional reference by identifier
    /// (<c>Location?identifier=system|value</c>, as Synthea's Bulk Data export writes) as naming the id
    /// <c>value</c>. Used only for optional links (location, organization), never for the patient.
    /// </summary>
    public string? ResolveLoose(string? reference, string type)
    {
        if (TryResolve(reference, type, out var id))
        {
            return id;
        }

        if (reference is null || !reference.StartsWith(type + "?identifier=", StringComparison.Ordinal))
        {
            return null;
        }

        var bar = reference.LastIndexOf('|');
        var value = bar >= 0 ? reference[(bar + 1)..] : reference[(type.Length + 12)..];
        return value.Length > 0 ? value : null;
    }

    /// <summary>The id a reference of any type names (for basedOn / partOf); null when unresolvable.</summary>
    public string? IdOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference) || reference[0] == '#')
        {
            return null;
        }

        if (_fullUrls.TryGetValue(reference, out var target))
        {
            return target.Id;
        }

        if (reference.StartsWith("urn:", StringComparison.Ordinal) || reference.Contains('?', StringComparison.Ordinal))
        {
            return null;
        }

        var span = reference.AsSpan();
        var history = span.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0)
        {
            span = span[..history];
        }

        var slash = span.LastIndexOf('/');
        return slash > 0 && slash < span.Length - 1 ? span[(slash + 1)..].ToString() : null;
    }
}
