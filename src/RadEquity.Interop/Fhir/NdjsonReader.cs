using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Ingest;

namespace RadEquity.Interop.Fhir;

/// <summary>Reads NDJSON (plain or gzip) line by line: each line is one resource, projected or quarantined.</summary>
internal static class NdjsonReader
{
    internal static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static IEnumerable<IngestItem> Read(string path, bool gzip, ReadContext context)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        context.CurrentFile = file;
        if (file.Length == 0)
        {
            context.Message(path, "empty file, nothing read");
            yield break;
        }

        using var gz = gzip ? new GzipReadStream(file) : null;
        var reader = new LineReader(gz ?? (Stream)file, context.Options.MaxRecordBytes);
        var any = false;
        long lastGoodLine = 0;
        while (true)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var status = reader.Read();
            if (status == LineStatus.End)
            {
                break;
            }

            var location = new RecordLocation(path, reader.LineNumber);
            if (status == LineStatus.TooLong)
            {
                if (gz is { IsDamaged: true } && !reader.LineTerminated)
                {
                    break;
                }

                any = true;
                yield return context.Projector.Quarantine(location, null, null, null,
                    string.Create(CultureInfo.InvariantCulture,
                        $"line of {reader.SkippedBytes} bytes exceeds the {context.Options.MaxRecordBytes}-byte record cap; skipped unread"),
                    default);
                continue;
            }

            var line = reader.Line.Span;
            if (IsBlank(line))
            {
                continue;
            }

            if (gz is { IsDamaged: true } && !reader.LineTerminated)
            {
                // The last, partial line of a damaged gzip stream: not a record.
                break;
            }

            if (!any && IsBulkDataLog(line))
            {
                context.Message(path, "Bulk Data export log (lines with exportId/eventId, no resourceType), skipped");
                yield break;
            }

            any = true;
            lastGoodLine = reader.LineNumber;
            yield return ReadLine(line, location, context);
        }

        if (gz is { IsDamaged: true })
        {
            context.Message(path, string.Create(CultureInfo.InvariantCulture,
                $"compressed data ends unexpectedly after line {lastGoodLine}"));
        }
        else if (!any)
        {
            context.Message(path, "no records (only blank lines)");
        }
    }

    /// <summary>One NDJSON line: UTF-8 check, JSON parse, projection.</summary>
    /// <param name="line">The line's bytes.</param>
    /// <param name="location">Where it was read.</param>
    /// <param name="context">The read's options and projector.</param>
    /// <param name="forward">False to project fact-bearing resources through the document path only (for tests that
    /// compare the two paths).</param>
    public static IngestItem ReadLine(ReadOnlySpan<byte> line, RecordLocation location, ReadContext context, bool forward = true)
    {
        if (!Utf8.IsValid(line))
        {
            return context.Projector.Quarantine(location, null, null, null,
                string.Create(CultureInfo.InvariantCulture, $"invalid UTF-8 at byte {InvalidUtf8Offset(line) + 1} of the line"), line);
        }

        var raw = line.ToArray();
        JsonDocument document;
        try
        {
            if (HeaderProjection.LeadingResourceType(raw) is { } type)
            {
                if (!HeaderProjection.HasFact(type))
                {
                    return HeaderProjection.Project(type, raw, location, context.Projector);
                }

                // The forward pass declines (null) whenever the document path might decide otherwise.
                if (forward && ForwardProjection.TryProject(type, raw, location, context.Projector) is { } projected)
                {
                    return projected;
                }
            }

            document = JsonDocument.Parse(raw, DocumentOptions);
        }
        catch (JsonException e)
        {
            return context.Projector.Quarantine(location, null, null, null, "invalid JSON: " + JsonError(e), raw);
        }

        using (document)
        {
            return context.Projector.Project(document.RootElement, raw, location, References.None);
        }
    }

    internal static string JsonError(JsonException e) =>
        e.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $"{FirstSentence(e.Message)} (at byte {position + 1})")
            : FirstSentence(e.Message);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '.', '|');
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> line)
    {
        var offset = 0;
        while (offset < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A Bulk Data export log line: an object with exportId or eventId and no resourceType.</summary>
    internal static bool IsBulkDataLog(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        var hasEvent = false;
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

                hasEvent |= reader.ValueTextEquals("exportId"u8) || reader.ValueTextEquals("eventId"u8);
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return hasEvent;
    }
}
