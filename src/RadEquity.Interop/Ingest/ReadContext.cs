using RadEquity.Interop.Fhir;

namespace RadEquity.Interop.Ingest;

/// <summary>What the readers share during one run: the projector, the caps, file-level messages and the
/// position within the current file (for progress).</summary>
internal sealed class ReadContext(IngestOptions options, CancellationToken cancellationToken)
{
    public IngestOptions Options { get; } = options;

    public ResourceProjector Projector { get; } = new(options.Source);

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public List<string> Messages { get; } = [];

    /// <summary>The stream of the file being read, as stored on disk (for bytes-read progress).</summary>
    public Stream? CurrentFile { get; set; }

    public long CurrentFilePosition
    {
        get
        {
            try
            {
                return CurrentFile is { CanSeek: true } s ? s.Position : 0;
            }
            catch (ObjectDisposedException)
            {
                return 0;
            }
        }
    }

    public void Message(string file, string text) => Messages.Add(file + ": " + text);
}
