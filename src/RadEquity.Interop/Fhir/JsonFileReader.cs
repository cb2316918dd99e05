using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Ingest;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// Reads a <c>.json</c> file: a Bundle (collection, transaction, batch, searchset, history, ...) or a single
/// resource. The file is read whole, up to <see cref="IngestOptions.MaxRecordBytes"/> (a Bundle is one record);
/// a larger file is quarantined, not loaded. JSON that is neither is skipped with a file-level message.
/// </summary>
internal static class JsonFileReader
{
    public static IEnumerable<IngestItem> Read(string path, ReadContext context)
    {
        byte[] bytes;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            context.CurrentFile = file;
            if (file.Length == 0)
            {
                context.Message(path, "empty file, nothing read");
                yield break;
            }

            if (file.Length > context.Options.MaxRecordBytes)
            {
                var head = new byte[Math.Min(ResourceProjector.ExcerptChars, (int)Math.Min(file.Length, int.MaxValue))];
                file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                yield return context.Projector.Quarantine(new RecordLocation(path, 1), null, null, null,
                    string.Create(CultureInfo.InvariantCulture,
                        $"JSON file of {file.Length} bytes exceeds the {context.Options.MaxRecordBytes}-byte record cap; split it or raise the cap"),
                    head);
                yield break;
            }

            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, NdjsonReader.DocumentOptions);
        }
        catch (JsonException e)
        {
            document = null!;
            context.Message(path, "not valid JSON (" + NdjsonReader.JsonError(e) + "); quarantined");
        }

        if (document is null)
        {
            yield return context.Projector.Quarantine(new RecordLocation(path, 1), null, null, null, "invalid JSON file", bytes);
            yield break;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String)
            {
                context.Message(path, IsManifest(root)
                    ? "Bulk Data manifest (its outputs are read as listed)"
                    : "JSON that is neither a FHIR Bundle nor a resource, skipped");
                yield break;
            }

            if (!type.ValueEquals("Bundle"))
            {
                yield return context.Projector.Project(root, bytes, new RecordLocation(path, 1), References.None);
                yield break;
            }

            foreach (var item in BundleReader.Read(root, path, context))
            {
                yield return item;
            }
        }
    }

    internal static bool IsManifest(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object &&
        root.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array;
}

/// <summary>The entries of a Bundle, with fullUrl references resolved inside it.</summary>
internal static class BundleReader
{
    public static IEnumerable<IngestItem> Read(JsonElement bundle, string path, ReadContext context)
    {
        if (!bundle.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            context.Message(path, "Bundle has no entries");
            yield break;
        }

        var references = new References();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object &&
                entry.TryGetProperty("fullUrl", out var fullUrl) && fullUrl.ValueKind == JsonValueKind.String &&
                entry.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object &&
                resource.TryGetProperty("resourceType", out var type) && type.ValueKind == JsonValueKind.String)
            {
                var url = fullUrl.GetString()!;
                var id = resource.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                    ? idElement.GetString()
                    : UuidOf(url);
                if (!string.IsNullOrEmpty(id))
                {
                    references.Add(url, type.GetString()!, id);
                }
            }
        }

        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            index++;
            var location = new RecordLocation(path, index);
            var item = ReadEntry(entry, location, references, context);
            if (item is not null)
            {
                yield return item;
            }
        }
    }

    private static IngestItem? ReadEntry(JsonElement entry, RecordLocation location, References references, ReadContext context)
    {
        var projector = context.Projector;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return projector.Quarantine(location, "entry", null, null, "a Bundle entry must be a JSON object", RawOf(entry));
        }

        if (entry.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object &&
            request.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String &&
            method.ValueEquals("DELETE"))
        {
            var url = request.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var slash = url?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            if (url is null || slash <= 0 || slash == url.Length - 1 || url.Contains('?', StringComparison.Ordinal))
            {
                return projector.Quarantine(location, "request.url", null, null,
                    "DELETE entry needs request.url of the form Type/id (conditional deletes are not supported)", RawOf(entry));
            }

            var end = url.IndexOf('/', slash + 1);
            var id = end < 0 ? url[(slash + 1)..] : url[(slash + 1)..end];
            return new DeletedResource(location, new Engine.Facts.ResourceKey(projector.Source, url[..slash], id));
        }

        if (entry.TryGetProperty("search", out var search) && search.ValueKind == JsonValueKind.Object &&
            search.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.ValueEquals("outcome"))
        {
            // An OperationOutcome about the search itself, not data.
            return null;
        }

        if (!entry.TryGetProperty("resource", out var resource) || resource.ValueKind == JsonValueKind.Null)
        {
            return projector.Quarantine(location, "resource", null, null, "Bundle entry has no resource", RawOf(entry));
        }

        var fallbackId = entry.TryGetProperty("fullUrl", out var fullUrl) && fullUrl.ValueKind == JsonValueKind.String
            ? UuidOf(fullUrl.GetString()!)
            : null;
        return projector.Project(resource, RawOf(resource), location, references, fallbackId);
    }

    private static byte[] RawOf(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).ToArray();

    private static string? UuidOf(string fullUrl) =>
        fullUrl.StartsWith("urn:uuid:", StringComparison.Ordinal) && fullUrl.Length > 9 ? fullUrl[9..] : null;
}
