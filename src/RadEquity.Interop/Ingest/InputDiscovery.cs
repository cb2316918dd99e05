using System.Text.Json;

namespace RadEquity.Interop.Ingest;

/// <summary>How an input file is read.</summary>
public enum InputKind
{
    /// <summary>NDJSON, one resource a line (<c>.ndjson</c>).</summary>
    Ndjson,

    /// <summary>Gzip-compressed NDJSON (<c>.ndjson.gz</c>).</summary>
    NdjsonGzip,

    /// <summary>A FHIR Bundle or a single resource (<c>.json</c>).</summary>
    Json,

    /// <summary>A CSV export in the RadEquity CSV layout (<c>.csv</c>).</summary>
    Csv,
}

/// <summary>One file to read.</summary>
/// <param name="Path">The file path.</param>
/// <param name="Kind">How it is read.</param>
/// <param name="Length">Its size on disk in bytes.</param>
public sealed record InputFile(string Path, InputKind Kind, long Length);

/// <summary>The files an ingest run reads, in order, and notes about inputs that were skipped.</summary>
/// <param name="Files">The files, in reading order, each once.</param>
/// <param name="Messages">File-level notes (missing paths, remote manifest urls, unsupported extensions).</param>
public sealed record InputPlan(IReadOnlyList<InputFile> Files, IReadOnlyList<string> Messages)
{
    /// <summary>Bytes in all (as stored on disk).</summary>
    public long TotalBytes => Files.Sum(f => f.Length);
}

/// <summary>
/// Turns the paths given to <c>radequity ingest</c> into files: files as given, folders walked recursively in
/// ordinal order of names (deterministic), and Bulk Data manifests (<c>output: [{type, url}]</c>) expanded to their
/// outputs, relative urls resolved against the manifest's folder. Each file is read once, at its first mention.
/// </summary>
public static class InputDiscovery
{
    private const int ManifestCap = 16 * 1024 * 1024;

    /// <summary>Finds the files to read.</summary>
    public static InputPlan Discover(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<InputFile>();
        var messages = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                Walk(path, files, messages, seen);
            }
            else if (File.Exists(path))
            {
                AddFile(path, explicitlyNamed: true, files, messages, seen);
            }
            else
            {
                messages.Add(path + ": no such file or folder");
            }
        }

        return new InputPlan(files, messages);
    }

    /// <summary>The kind of a file by its name; null when it is not an input format.</summary>
    public static InputKind? KindOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".ndjson.gz", StringComparison.OrdinalIgnoreCase))
        {
            return InputKind.NdjsonGzip;
        }

        return Path.GetExtension(name).ToUpperInvariant() switch
        {
            ".NDJSON" => InputKind.Ndjson,
            ".JSON" => InputKind.Json,
            ".CSV" => InputKind.Csv,
            _ => null,
        };
    }

    private static void Walk(string folder, List<InputFile> files, List<string> messages, HashSet<string> seen)
    {
        var entries = Directory.GetFileSystemEntries(folder);
        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Path.GetFileName(entry).StartsWith('.'))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                Walk(entry, files, messages, seen);
            }
            else
            {
                AddFile(entry, explicitlyNamed: false, files, messages, seen);
            }
        }
    }

    private static void AddFile(string path, bool explicitlyNamed, List<InputFile> files, List<string> messages, HashSet<string> seen)
    {
        var kind = KindOf(path);
        if (kind is null)
        {
            if (explicitlyNamed)
            {
                messages.Add(path + ": not an input format (.ndjson, .ndjson.gz, .json, .csv), skipped");
            }

            return;
        }

        if (!seen.Add(Path.GetFullPath(path)))
        {
            return;
        }

        var length = new FileInfo(path).Length;
        if (kind == InputKind.Json && length <= ManifestCap && TryReadManifest(path, out var outputs))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            foreach (var url in outputs)
            {
                var target = ResolveOutput(folder, url);
                if (target is null)
                {
                    messages.Add(path + ": output " + url + " is not a local file (download the export first), skipped");
                }
                else if (!File.Exists(target))
                {
                    messages.Add(path + ": output " + url + " not found");
                }
                else
                {
                    AddFile(target, explicitlyNamed: true, files, messages, seen);
                }
            }

            return;
        }

        files.Add(new InputFile(path, kind.Value, length));
    }

    private static string? ResolveOutput(string folder, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !Path.IsPathRooted(url))
        {
            return uri.IsFile ? uri.LocalPath : null;
        }

        return Path.GetFullPath(Path.Combine(folder, url));
    }

    /// <summary>A Bulk Data manifest: a JSON object with an <c>output</c> array and no <c>resourceType</c>.</summary>
    private static bool TryReadManifest(string path, out List<string> outputs)
    {
        outputs = [];
        try
        {
            using var stream = File.OpenRead(path);
            if (!LooksLikeManifest(stream))
            {
                return false;
            }

            stream.Position = 0;
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.TryGetProperty("resourceType", out _) ||
                !root.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in output.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("url", out var url) &&
                    url.ValueKind == JsonValueKind.String && url.GetString() is { Length: > 0 } u)
                {
                    outputs.Add(u);
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Scans the top-level property names in the first 64 KiB without parsing the whole file, so a
    /// Bundle is not read twice: a manifest names <c>transactionTime</c>, <c>request</c> or <c>output</c>.</summary>
    private static bool LooksLikeManifest(Stream stream)
    {
        var head = new byte[64 * 1024];
        var count = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var reader = new Utf8JsonReader(head.AsSpan(0, count), isFinalBlock: count < head.Length, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceType"u8))
                {
                    return false;
                }

                if (reader.ValueTextEquals("output"u8) || reader.ValueTextEquals("transactionTime"u8) ||
                    reader.ValueTextEquals("requiresAccessToken"u8))
                {
                    return true;
                }

                if (!reader.Read() || !reader.TrySkip())
                {
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }
}
