using System.Globalization;
using System.Text;

namespace RadEquity.Engine.Strata;

/// <summary>Splits one line of comma-separated values (RFC 4180 quoting, one physical line per record).</summary>
internal static class CsvLine
{
    internal static string[] Split(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                            $"{source} line {lineNumber}: a quoted field is not closed."));
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                while (i < line.Length && line[i] != ',')
                {
                    if (!char.IsWhiteSpace(line[i++]))
                    {
                        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                            $"{source} line {lineNumber}: text after a closing quote."));
                    }
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                field.Append(line, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return [.. fields];
            }

            i++; // the comma
        }
    }
}
