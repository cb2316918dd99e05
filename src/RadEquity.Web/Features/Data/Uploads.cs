using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Ingest;
using RadEquity.Web.Features.Jobs;
using RadEquity.Web.Features.Runs;

namespace RadEquity.Web.Features.Data;

/// <summary>
/// Uploaded FHIR and CSV files: staged in the work folder (one subfolder per upload, with a note of its source and who
/// sent it), then ingested by a background job exactly as <c>radequity ingest</c> would. The subfolder is deleted once
/// the ingest ends; one left behind by a stopped or killed app is ingested again on the next start (ingest is
/// idempotent, so a repeated file changes nothing), at most <see cref="MaxAttempts"/> times.
/// </summary>
internal sealed partial class Uploads(WorkFolder folder, JobQueue jobs, ILogger<Uploads> logger)
{
    public const string JobKind = "ingest";

    /// <summary>The largest upload accepted, in bytes (all files together).</summary>
    public const long MaxBytes = 4L * 1024 * 1024 * 1024;

    private const int MaxAttempts = 2;
    private const string NoteName = "upload.json";
    private const string FilesFolder = "files";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Checks an upload before anything is written: a source name, at least one file, every file of an input
    /// format. Returns the problems, each naming the field or file.</summary>
    public static IReadOnlyList<string> Check(string? source, IReadOnlyList<IFormFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(source) || !SourceName().IsMatch(source))
        {
            problems.Add("Source: 1 to 64 letters, digits, dots, dashes or underscores (for example \"ris-2026\").");
        }

        if (files.Count == 0)
        {
            problems.Add("Files: choose at least one file.");
        }

        foreach (var file in files)
        {
            var name = SafeName(file.FileName);
            if (InputDiscovery.KindOf(name) is null)
            {
                problems.Add($"{name}: not an input format (FHIR NDJSON .ndjson or .ndjson.gz, FHIR JSON Bundle .json, or CSV .csv).");
            }
            else if (file.Length == 0)
            {
                problems.Add($"{name}: the file is empty.");
            }
        }

        var repeated = files.GroupBy(f => SafeName(f.FileName), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        problems.AddRange(repeated.Select(name => $"{name}: chosen twice."));
        return problems;
    }

    /// <summary>Writes the files (already <see cref="Check"/>ed) to a new upload folder and queues their ingest.</summary>
    public async Task<Job> StageAsync(string source, IReadOnlyList<IFormFile> files, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var id = Guid.NewGuid().ToString("N");
        var upload = Path.Combine(folder.Uploads, id);
        var staging = upload + ".partial";
        Directory.CreateDirectory(Path.Combine(staging, FilesFolder));
        try
        {
            foreach (var file in files)
            {
                await using var target = File.Create(Path.Combine(staging, FilesFolder, SafeName(file.FileName)));
                await file.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }

            var note = new UploadNote(source, requestedBy, files.Select(f => SafeName(f.FileName)).ToList(), 0);
            await File.WriteAllTextAsync(Path.Combine(staging, NoteName), JsonSerializer.Serialize(note, Json), cancellationToken).ConfigureAwait(false);
            // Complete uploads only: a folder without ".partial" always has all its files and its note.
            Directory.Move(staging, upload);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }

        return Queue(upload, await ReadNoteAsync(upload, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>On start: ingests again the uploads a stopped app left, and removes partial ones.</summary>
    public async Task ResumeLeftoversAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Uploads))
        {
            return;
        }

        foreach (var path in Directory.GetDirectories(folder.Uploads).Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(".partial", StringComparison.Ordinal))
            {
                Directory.Delete(path, recursive: true);
                continue;
            }

            var note = await ReadNoteAsync(path, cancellationToken).ConfigureAwait(false);
            if (note.Attempts >= MaxAttempts)
            {
                LogAbandoned(logger, Path.GetFileName(path), note.Attempts);
                Directory.Delete(path, recursive: true);
                continue;
            }

            LogResumed(logger, Path.GetFileName(path));
            Queue(path, note);
        }
    }

    private Job Queue(string upload, UploadNote note)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"Ingest of {note.Files.Count} file(s) into source \"{note.Source}\"");
        return jobs.Enqueue(new Job(JobKind, title, note.RequestedBy, (job, services, cancellationToken) =>
            IngestAsync(job, services, upload, note, cancellationToken)));
    }

    private static async Task IngestAsync(Job job, IServiceProvider services, string upload, UploadNote note, CancellationToken cancellationToken)
    {
        // Counted before the ingest starts, so a crash during it is retried a bounded number of times.
        await File.WriteAllTextAsync(Path.Combine(upload, NoteName),
            JsonSerializer.Serialize(note with { Attempts = note.Attempts + 1 }, Json), cancellationToken).ConfigureAwait(false);
        var c = CultureInfo.GetCultureInfo("en-US");
        var progress = new Reporter<IngestProgress>(p => job.Report(
            p.TotalBytes > 0 ? (double)p.BytesRead / p.TotalBytes : null,
            string.Format(c, "Reading {0}: {1:N0} resources so far, {2:N0} quarantined.", Path.GetFileName(p.CurrentFile) ?? "files", p.Resources, p.Quarantined)));
        long before;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
            before = await db.IngestRuns.MaxAsync(r => (long?)r.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        }

        IngestSummary summary;
        try
        {
            summary = await IngestRun.RunAsync(note.Files.Select(f => Path.Combine(upload, FilesFolder, f)).ToList(),
                new IngestOptions { Source = note.Source, TimeProvider = services.GetRequiredService<TimeProvider>() },
                services.GetRequiredService<IIngestSink>(), progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unreadable input fails the same way every time: the files go, the failed run stays in the history.
            Directory.Delete(upload, recursive: true);
            throw;
        }

        if (!summary.Completed)
        {
            // Stopped with the app: the folder stays and the next start ingests it again.
            cancellationToken.ThrowIfCancellationRequested();
        }

        Directory.Delete(upload, recursive: true);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
            var run = await db.IngestRuns.Where(r => r.Id > before && r.Source == note.Source).MinAsync(r => (long?)r.Id, cancellationToken).ConfigureAwait(false);
            job.LinkResult(run is { } id ? string.Create(CultureInfo.InvariantCulture, $"/data?run={id}#ingest-runs") : "/data#ingest-runs");
        }

        // A completed exam arriving closes its work item by itself: the latest run is measured again (same period and
        // as-of date, in the queue after this job) and its worklist sync completes the items whose gaps it no longer finds.
        if (summary.Changes.Inserted + summary.Changes.Updated + summary.Changes.Deleted > 0
            && await new MeasureRunStore(services.GetRequiredService<StoreTarget>(), services.GetRequiredService<TimeProvider>())
                .LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false) is { } latest)
        {
            services.GetRequiredService<MeasureRunJobs>().Start(latest.Definition.Period, latest.Definition.AsOf, note.RequestedBy);
        }

        job.Report(1, string.Format(c,
            "Done: {0:N0} resources read ({1:N0} new, {2:N0} updated, {3:N0} unchanged, {4:N0} deleted), {5:N0} quarantined, in {6:N1} s.",
            summary.Resources, summary.Changes.Inserted, summary.Changes.Updated, summary.Changes.Unchanged, summary.Changes.Deleted,
            summary.Quarantined, summary.Elapsed.TotalSeconds));
    }

    private static async Task<UploadNote> ReadNoteAsync(string upload, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(Path.Combine(upload, NoteName));
        return await JsonSerializer.DeserializeAsync<UploadNote>(stream, Json, cancellationToken).ConfigureAwait(false)
               ?? throw new InvalidDataException(upload + ": empty upload note.");
    }

    /// <summary>The file name only (no folders from the browser), with characters a file system may refuse replaced.</summary>
    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var invalid = Path.GetInvalidFileNameChars();
        name = new string(name.Select(ch => invalid.Contains(ch) || char.IsControl(ch) ? '_' : ch).ToArray());
        return name.Length == 0 || name.StartsWith('.') ? "upload" + name : name;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SourceName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Upload} left by a stopped app: ingesting it again")]
    private static partial void LogResumed(ILogger logger, string upload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Upload} abandoned after {Attempts} interrupted ingests")]
    private static partial void LogAbandoned(ILogger logger, string upload, int attempts);

    private sealed record UploadNote(string Source, string RequestedBy, IReadOnlyList<string> Files, int Attempts);
}

/// <summary>Progress reported on the reporting thread (unlike <see cref="Progress{T}"/>, which posts to a context).</summary>
internal sealed class Reporter<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
