namespace RadEquity.Interop.Fhir;

/// <summary>What <see cref="LineReader.Read"/> found.</summary>
internal enum LineStatus
{
    /// <summary>A line (without its newline) is in <see cref="LineReader.Line"/>.</summary>
    Line,

    /// <summary>A line longer than the cap was skipped without being buffered.</summary>
    TooLong,

    /// <summary>The stream has ended.</summary>
    End,
}

/// <summary>
/// Reads newline-delimited records from a stream of bytes with a bounded buffer: it grows to hold the longest
/// line seen, never beyond the cap; a longer line is skipped up to its newline and reported, so one enormous
/// line cannot exhaust memory. CR before LF is dropped; a UTF-8 byte-order mark at the start is dropped.
/// </summary>
internal sealed class LineReader(Stream stream, int maxLineBytes)
{
    private const int InitialBuffer = 64 * 1024;
    private byte[] _buffer = new byte[Math.Min(InitialBuffer, Math.Max(maxLineBytes, 16) + 1)];
    private int _start;
    private int _end;
    private int _scanned;
    private bool _eof;
    private bool _atStart = true;

    /// <summary>The 1-based number of the line last returned or skipped.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The line last returned; valid until the next call to <see cref="Read"/>.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>False when the last line ended at the end of the stream without a newline.</summary>
    public bool LineTerminated { get; private set; }

    /// <summary>Bytes of the line last skipped as too long.</summary>
    public long SkippedBytes { get; private set; }

    public LineStatus Read()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var stop = _scanned + newline;
                Emit(_start, stop, terminated: true);
                _start = _scanned = stop + 1;
                return LineStatus.Line;
            }

            _scanned = _end;
            if (_end - _start > maxLineBytes)
            {
                return SkipLongLine();
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    Emit(_start, _end, terminated: false);
                    _start = _scanned = _end;
                    return LineStatus.Line;
                }

                return LineStatus.End;
            }

            Fill();
        }
    }

    private void Emit(int start, int stop, bool terminated)
    {
        if (_atStart)
        {
            _atStart = false;
            if (stop - start >= 3 && _buffer[start] == 0xEF && _buffer[start + 1] == 0xBB && _buffer[start + 2] == 0xBF)
            {
                start += 3;
            }
        }

        if (stop > start && _buffer[stop - 1] == (byte)'\r')
        {
            stop--;
        }

        LineNumber++;
        LineTerminated = terminated;
        Line = _buffer.AsMemory(start, stop - start);
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var size = (int)Math.Min((long)_buffer.Length * 2, (long)maxLineBytes + 1);
            Array.Resize(ref _buffer, Math.Max(size, _buffer.Length + 1));
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private LineStatus SkipLongLine()
    {
        _atStart = false;
        LineNumber++;
        long skipped = _end - _start;
        _start = _end = _scanned = 0;
        while (true)
        {
            var read = stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                break;
            }

            var newline = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                skipped += newline;
                _start = _scanned = newline + 1;
                _end = read;
                break;
            }

            skipped += read;
        }

        SkippedBytes = skipped;
        LineTerminated = !_eof;
        Line = default;
        return LineStatus.TooLong;
    }
}
