using System.Text;

namespace RadEquity.Interop.Csv;

/// <summary>
/// An RFC 4180 record reader, written by hand (no dependency): fields separated by a delimiter, optionally
/// quoted; a quoted field may hold delimiters, CR/LF and doubled quotes. Records end at LF or CRLF outside quotes.
/// A record longer than the cap is an error that skips to the end of the record; parsing continues after it.
/// </summary>
internal sealed class CsvParser(TextReader reader, char delimiter, int maxRecordChars)
{
    private readonly StringBuilder _field = new();
    private readonly char[] _buffer = new char[16 * 1024];
    private int _position;
    private int _length;
    private long _line = 1;

    /// <summary>The 1-based line where the record last returned starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Why the last record is malformed; null when it is well formed.</summary>
    public string? Error { get; private set; }

    /// <summary>Reads the next record; false at the end of the input. Blank lines are skipped.</summary>
    public bool TryRead(List<string> fields)
    {
        fields.Clear();
        Error = null;
        int c;
        do
        {
            c = Next();
            if (c == '\n')
            {
                _line++;
            }
        }
        while (c is '\r' or '\n');

        if (c < 0)
        {
            return false;
        }

        RecordLine = _line;
        var recordChars = 0;
        _field.Clear();
        var quoted = false;
        var afterQuote = false;
        while (true)
        {
            if (c < 0)
            {
                if (quoted)
                {
                    Error = "quoted field not closed before the end of the file";
                }

                fields.Add(_field.ToString());
                return true;
            }

            if (++recordChars > maxRecordChars && Error is null)
            {
                Error = "record longer than the record cap";
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (Peek() == '"')
                    {
                        Next();
                        Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    Append((char)c);
                }
            }
            else if (c == delimiter)
            {
                fields.Add(_field.ToString());
                _field.Clear();
                afterQuote = false;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && Peek() == '\n')
                {
                    Next();
                }

                _line++;
                fields.Add(_field.ToString());
                return true;
            }
            else if (c == '"' && _field.Length == 0 && !afterQuote)
            {
                quoted = true;
            }
            else
            {
                if (afterQuote)
                {
                    Error ??= "unexpected character after a closing quote";
                }

                Append((char)c);
            }

            c = Next();
        }
    }

    private void Append(char c)
    {
        if (_field.Length < maxRecordChars)
        {
            _field.Append(c);
        }
    }

    private int Next()
    {
        if (_position == _length && !Fill())
        {
            return -1;
        }

        return _buffer[_position++];
    }

    private int Peek()
    {
        if (_position == _length && !Fill())
        {
            return -1;
        }

        return _buffer[_position];
    }

    private bool Fill()
    {
        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
