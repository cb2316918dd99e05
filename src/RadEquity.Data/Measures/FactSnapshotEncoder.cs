using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;

namespace RadEquity.Data.Measures;

/// <summary>
/// Writes one patient's facts (demographics, coverages and every clinical event, classified or not) as a compact
/// byte string for <c>fact_snapshots</c>. Repeated strings (coded text, statuses, units, postal codes, places) become
/// ids into a dictionary (<c>fact_snapshot_texts</c>) shared by all rows; resource ids stay inline.
/// </summary>
/// <remarks>
/// <para>Format <see cref="FactSnapshot.Format"/>, little-endian, unsigned LEB128 varints. A string is its dictionary id
/// (0 for null); a coding list is the id of its <see cref="Coding.Join"/> text (0 for none). Dates are day numbers,
/// timestamps UTC ticks.</para>
/// <para>Patient: flags (1 birth date, 2 deceased date, 4 latitude, 8 longitude, 16 interpreter known, 32 interpreter
/// needed), [birth day], sex, birth sex, race, ethnicity, language, postal code, state, [latitude], [longitude],
/// [deceased day]. Then the coverage count and each coverage: category, type codes, status, flags (1 start, 2 end),
/// [start day], [end day], payer. Then the event count and each event: its length in bytes after that length (so an
/// event whose codes match no value set is skipped undecoded), codes, value codes, kind, resource type, resource id
/// (UTF-8, length-prefixed), categories, status, flags (1 start, 2 end, 4 quantity, 8 based-on), [start], [end],
/// [quantity as <see cref="decimal.GetBits(decimal)"/>], unit, body site, location, [based-on id (UTF-8)].</para>
/// </remarks>
internal sealed class FactSnapshotEncoder
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    // The merge shares one list instance per distinct stored text, so a list is joined back to text once.
    private readonly Dictionary<IReadOnlyList<Coding>, int> _listIds = new(ReferenceEqualityComparer.Instance);
    private readonly List<(int Id, string Text)> _added = [];
    private readonly ArrayBufferWriter<byte> _record = new(1024);
    private readonly ArrayBufferWriter<byte> _event = new(256);
    private int _last;

    /// <summary>Continues the dictionary <paramref name="existing"/> (empty for a new one).</summary>
    public FactSnapshotEncoder(IEnumerable<(int Id, string Text)> existing)
    {
        foreach (var (id, text) in existing)
        {
            _ids[text] = id;
            _last = Math.Max(_last, id);
        }
    }

    /// <summary>Dictionary entries created since the last call, to be stored with the rows that use them.</summary>
    public IReadOnlyList<(int Id, string Text)> TakeAdded()
    {
        var added = _added.ToArray();
        _added.Clear();
        return added;
    }

    /// <summary>The record's bytes; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Encode(PatientRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _record.ResetWrittenCount();
        var w = _record;
        var p = record.Patient;
        var flags = (p.BirthDate is null ? 0 : 1) | (p.DeceasedDate is null ? 0 : 2) | (p.Latitude is null ? 0 : 4)
                    | (p.Longitude is null ? 0 : 8) | (p.NeedsInterpreter is null ? 0 : 16) | (p.NeedsInterpreter == true ? 32 : 0);
        Varint(w, (ulong)flags);
        if (p.BirthDate is { } birth)
        {
            Varint(w, (ulong)birth.DayNumber);
        }

        Varint(w, (ulong)p.Sex);
        Text(w, p.BirthSex);
        Codes(w, p.RaceCodes);
        Codes(w, p.EthnicityCodes);
        Text(w, p.LanguageCode);
        Text(w, p.PostalCode);
        Text(w, p.State);
        if (p.Latitude is { } latitude)
        {
            Double(w, latitude);
        }

        if (p.Longitude is { } longitude)
        {
            Double(w, longitude);
        }

        if (p.DeceasedDate is { } deceased)
        {
            Varint(w, (ulong)deceased.DayNumber);
        }

        Varint(w, (ulong)record.Coverages.Count);
        foreach (var c in record.Coverages)
        {
            Varint(w, (ulong)c.Category);
            Codes(w, c.TypeCodes);
            Text(w, c.Status);
            Varint(w, (ulong)((c.Start is null ? 0 : 1) | (c.End is null ? 0 : 2)));
            if (c.Start is { } start)
            {
                Varint(w, (ulong)start.DayNumber);
            }

            if (c.End is { } end)
            {
                Varint(w, (ulong)end.DayNumber);
            }

            Text(w, c.PayerName);
        }

        Varint(w, (ulong)record.Events.Count);
        foreach (var e in record.Events)
        {
            EncodeEvent(e);
            Varint(w, (ulong)_event.WrittenCount);
            w.Write(_event.WrittenSpan);
        }

        return _record.WrittenMemory;
    }

    private void EncodeEvent(EventRecord record)
    {
        _event.ResetWrittenCount();
        var w = _event;
        var e = record.Event;
        Codes(w, e.Codes);
        Codes(w, e.ValueCodes);
        Varint(w, (ulong)e.Kind);
        Text(w, record.ResourceType);
        Utf8(w, record.ResourceId);
        Codes(w, e.Categories);
        Text(w, e.Status);
        var flags = (e.Start is null ? 0 : 1) | (e.End is null ? 0 : 2) | (e.ValueQuantity is null ? 0 : 4) | (e.BasedOnId is null ? 0 : 8);
        Varint(w, (ulong)flags);
        if (e.Start is { } start)
        {
            Varint(w, (ulong)start.UtcTicks);
        }

        if (e.End is { } end)
        {
            Varint(w, (ulong)end.UtcTicks);
        }

        if (e.ValueQuantity is { } quantity)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(quantity, bits);
            var span = w.GetSpan(16);
            for (var i = 0; i < 4; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(span[(4 * i)..], bits[i]);
            }

            w.Advance(16);
        }

        Text(w, e.ValueUnit);
        Codes(w, e.BodySiteCodes);
        Text(w, e.LocationId);
        if (e.BasedOnId is { } basedOn)
        {
            Utf8(w, basedOn);
        }
    }

    private void Codes(ArrayBufferWriter<byte> w, IReadOnlyList<Coding> codes)
    {
        if (codes.Count == 0)
        {
            Varint(w, 0);
            return;
        }

        if (!_listIds.TryGetValue(codes, out var id))
        {
            id = IdOf(Coding.Join(codes));
            _listIds.Add(codes, id);
        }

        Varint(w, (ulong)id);
    }

    private void Text(ArrayBufferWriter<byte> w, string? text) => Varint(w, text is null ? 0 : (ulong)IdOf(text));

    private int IdOf(string text)
    {
        if (!_ids.TryGetValue(text, out var id))
        {
            id = ++_last;
            _ids.Add(text, id);
            _added.Add((id, text));
        }

        return id;
    }

    private static void Utf8(ArrayBufferWriter<byte> w, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        Varint(w, (ulong)length);
        var span = w.GetSpan(length);
        Encoding.UTF8.GetBytes(text, span);
        w.Advance(length);
    }

    private static void Double(ArrayBufferWriter<byte> w, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    private static void Varint(ArrayBufferWriter<byte> w, ulong value)
    {
        var span = w.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)((value & 0x7F) | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        w.Advance(i);
    }
}
