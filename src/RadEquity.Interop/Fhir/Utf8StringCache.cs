using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// Shares the short strings that recur across resources — codes, status values, units, patient ids — instead of
/// allocating one per occurrence. Keyed by the UTF-8 bytes (no string is built on a hit): a direct-mapped table of
/// bounded size, where a collision simply replaces the slot. One per read (like the projector that owns it); not
/// thread-safe.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int SlotBits = 12;
    private const int Slots = 1 << SlotBits;
    private const int MaxBytes = 48;

    private readonly Entry[] _entries = new Entry[Slots];
    private byte[]? _lastDate;
    private DateTimeOffset _lastDateValue;

    /// <summary>The string for these UTF-8 bytes (valid UTF-8, as the reader has checked).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        ref var entry = ref _entries[Slot(utf8)];
        if (entry.Key is { } key && utf8.SequenceEqual(key))
        {
            return entry.Value!;
        }

        var value = Encoding.UTF8.GetString(utf8);
        entry = new Entry(utf8.ToArray(), value);
        return value;
    }

    /// <summary>
    /// <see cref="FhirDates.TryParse(ReadOnlySpan{byte}, out DateTimeOffset)"/>, remembering the last date parsed:
    /// meta.lastUpdated is usually one export timestamp shared by every resource of a file.
    /// </summary>
    public bool TryParseDate(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        if (_lastDate is { } last && utf8.SequenceEqual(last))
        {
            value = _lastDateValue;
            return true;
        }

        if (!FhirDates.TryParse(utf8, out value))
        {
            return false;
        }

        if (utf8.Length <= MaxBytes)
        {
            _lastDate = utf8.ToArray();
            _lastDateValue = value;
        }

        return true;
    }

    /// <summary>A cheap slot index: the length and the first and last eight bytes, multiplied and folded (equal
    /// keys are still compared in full, so a weak hash costs only a miss).</summary>
    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        unchecked
        {
            var hash = (ulong)utf8.Length * Multiplier;
            if (utf8.Length >= 8)
            {
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Multiplier;
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..])) * Multiplier;
            }
            else
            {
                foreach (var b in utf8)
                {
                    hash = (hash ^ b) * Multiplier;
                }
            }

            return (int)(hash >> (64 - SlotBits));
        }
    }

    /// <summary>The reader's current string token, shared when it recurs.</summary>
    public string Get(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString()! : Get(reader.ValueSpan);

    private readonly record struct Entry(byte[]? Key, string? Value);
}
