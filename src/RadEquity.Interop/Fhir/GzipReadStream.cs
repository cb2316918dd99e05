using System.Buffers.Binary;
using System.IO.Compression;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// Decompresses a gzip file and tells whether it ended cleanly. .NET's GZipStream returns end-of-stream on a
/// truncated member instead of failing, so the length written in the gzip trailer (ISIZE, the uncompressed size
/// modulo 2^32) is compared with what was decompressed; corrupt data (InvalidDataException) also counts as damage.
/// A multi-member file (concatenated gzip) is reported as damaged when the last member's size differs from the
/// total — a rare layout for NDJSON exports, and the lines are still read.
/// </summary>
internal sealed class GzipReadStream : Stream
{
    private readonly GZipStream _gzip;
    private readonly uint? _trailerSize;
    private long _decompressed;

    public GzipReadStream(FileStream file)
    {
        if (file.Length >= 18)
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(trailer);
            file.Seek(0, SeekOrigin.Begin);
            _trailerSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }

        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>True once the stream has ended early or on corrupt data.</summary>
    public bool IsDamaged { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _decompressed;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (IsDamaged)
        {
            return 0;
        }

        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException)
        {
            IsDamaged = true;
            return 0;
        }

        _decompressed += read;
        if (read == 0 && buffer.Length > 0 && (_trailerSize is null || (uint)(_decompressed & 0xFFFFFFFF) != _trailerSize))
        {
            IsDamaged = true;
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }
}
