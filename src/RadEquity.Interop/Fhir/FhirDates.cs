namespace RadEquity.Interop.Fhir;

/// <summary>FHIR date, dateTime and instant parsing with calendar validation (2023-02-30 is rejected).</summary>
internal static class FhirDates
{
    /// <summary>Parses YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with a time and zone; partial dates are read as
    /// their first instant in UTC. A time without a zone (not valid FHIR) is read as UTC.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 4 || !Digits(s, 0, 4, out var year) || year < 1)
        {
            return false;
        }

        int month = 1, day = 1;
        if (s.Length > 4)
        {
            if (s.Length < 7 || s[4] != '-' || !Digits(s, 5, 2, out month) || month is < 1 or > 12)
            {
                return false;
            }

            if (s.Length > 7)
            {
                if (s.Length < 10 || s[7] != '-' || !Digits(s, 8, 2, out day) || day < 1 ||
                    day > System.DateTime.DaysInMonth(year, month))
                {
                    return false;
                }
            }
        }

        if (s.Length is 4 or 7 or 10)
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }

        if (s.Length < 16 || s[10] != 'T' || !Digits(s, 11, 2, out var hour) || s[13] != ':' ||
            !Digits(s, 14, 2, out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        var i = 16;
        var second = 0;
        long ticks = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (!Digits(s, i + 1, 2, out second) || second > 59)
            {
                return false;
            }

            i += 3;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                var start = i;
                long scale = TimeSpan.TicksPerSecond;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    scale /= 10;
                    ticks += (s[i] - '0') * scale;
                    i++;
                }

                if (i == start)
                {
                    return false;
                }
            }
        }

        var offset = TimeSpan.Zero;
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i == s.Length - 1)
            {
                offset = TimeSpan.Zero;
            }
            else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && Digits(s, i + 1, 2, out var oh) &&
                     s[i + 3] == ':' && Digits(s, i + 4, 2, out var om) && oh <= 14 && om <= 59)
            {
                offset = new TimeSpan(oh, om, 0);
                if (s[i] == '-')
                {
                    offset = -offset;
                }
            }
            else
            {
                return false;
            }
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary><see cref="TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/> on the UTF-8 bytes of a JSON string
    /// (dates are ASCII; anything longer than a dateTime can be is rejected unread).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        if (utf8.Length is 0 or > 64)
        {
            value = default;
            return utf8.Length > 64 && TryParse(System.Text.Encoding.UTF8.GetString(utf8), out value);
        }

        Span<char> chars = stackalloc char[utf8.Length];
        for (var i = 0; i < utf8.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        return TryParse(chars, out value);
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var k = start; k < start + count; k++)
        {
            var c = s[k];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
