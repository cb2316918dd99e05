using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

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

/// <summary>
/// Reads <see cref="FactSnapshotEncoder"/>'s rows back as the engine's <see cref="PatientRecord"/>s, classifying each
/// dictionary entry once and dropping events whose codes and value codes are in no value set, exactly as the fact
/// table scan does. One per load; not thread-safe.
/// </summary>
internal sealed class FactSnapshotDecoder
{
    private static readonly IReadOnlyList<Coding> NoCodes = [];
    private readonly string?[] _texts;
    private readonly IReadOnlyList<Coding>?[] _codings;
    private readonly ValueSetMask[] _masks;
    private readonly bool[] _classified;
    private readonly CodeIndex _index;

    /// <summary>Reads with the dictionary <paramref name="texts"/> (indexed by id; entry 0 unused).</summary>
    public FactSnapshotDecoder(string?[] texts, CodeIndex index)
    {
        _texts = texts;
        _index = index;
        _codings = new IReadOnlyList<Coding>?[texts.Length];
        _masks = new ValueSetMask[texts.Length];
        _classified = new bool[texts.Length];
    }

    public long Coverages { get; private set; }

    public long EventsRead { get; private set; }

    public long EventsKept { get; private set; }

    public PatientRecord Decode(string source, string patientId, ReadOnlySpan<byte> bytes)
    {
        var r = new SpanReader(bytes);
        var flags = r.Varint();
        var birth = (flags & 1) != 0 ? DateOnly.FromDayNumber((int)r.Varint()) : (DateOnly?)null;
        var sex = (AdministrativeSex)r.Varint();
        var birthSex = Text(ref r);
        var race = Codes(ref r);
        var ethnicity = Codes(ref r);
        var language = Text(ref r);
        var postal = Text(ref r);
        var state = Text(ref r);
        var latitude = (flags & 4) != 0 ? r.Double() : (double?)null;
        var longitude = (flags & 8) != 0 ? r.Double() : (double?)null;
        var deceased = (flags & 2) != 0 ? DateOnly.FromDayNumber((int)r.Varint()) : (DateOnly?)null;
        var interpreter = (flags & 16) != 0 ? (flags & 32) != 0 : (bool?)null;
        var patient = new PatientFact(patientId, birth, sex, birthSex, race, ethnicity, language, interpreter, postal, state, latitude,
            longitude, deceased);

        var coverageCount = (int)r.Varint();
        CoverageFact[] coverages = coverageCount == 0 ? [] : new CoverageFact[coverageCount];
        for (var i = 0; i < coverageCount; i++)
        {
            var category = (PayerCategory)r.Varint();
            var types = Codes(ref r);
            var status = Text(ref r);
            var dates = r.Varint();
            var start = (dates & 1) != 0 ? DateOnly.FromDayNumber((int)r.Varint()) : (DateOnly?)null;
            var end = (dates & 2) != 0 ? DateOnly.FromDayNumber((int)r.Varint()) : (DateOnly?)null;
            coverages[i] = new CoverageFact(patientId, category, types, status, start, end, Text(ref r));
        }

        Coverages += coverageCount;
        var eventCount = (int)r.Varint();
        EventsRead += eventCount;
        List<EventRecord>? events = null;
        for (var i = 0; i < eventCount; i++)
        {
            var length = (int)r.Varint();
            var next = r.Position + length;
            var codesId = (int)r.Varint();
            var valuesId = (int)r.Varint();
            if (Mask(codesId).IsEmpty && Mask(valuesId).IsEmpty)
            {
                r.Position = next;
                continue;
            }

            (events ??= []).Add(DecodeEvent(ref r, patientId, codesId, valuesId));
        }

        EventsKept += events?.Count ?? 0;
        return new PatientRecord(source, patient, coverages, events?.ToArray() ?? []);
    }

    private EventRecord DecodeEvent(ref SpanReader r, string patientId, int codesId, int valuesId)
    {
        var kind = (EventKind)r.Varint();
        var resourceType = Text(ref r)!;
        var resourceId = r.Utf8();
        var categories = Codes(ref r);
        var status = Text(ref r);
        var flags = r.Varint();
        var start = (flags & 1) != 0 ? new DateTimeOffset((long)r.Varint(), TimeSpan.Zero) : (DateTimeOffset?)null;
        var end = (flags & 2) != 0 ? new DateTimeOffset((long)r.Varint(), TimeSpan.Zero) : (DateTimeOffset?)null;
        var quantity = (flags & 4) != 0 ? r.Decimal() : (decimal?)null;
        var unit = Text(ref r);
        var bodySite = Codes(ref r);
        var location = Text(ref r);
        var basedOn = (flags & 8) != 0 ? r.Utf8() : null;
        var clinicalEvent = new ClinicalEvent(patientId, kind, CodesOf(codesId), categories, status, start, end, CodesOf(valuesId), quantity,
            unit, bodySite, location, basedOn);
        return new EventRecord(resourceType, resourceId, clinicalEvent, Mask(codesId), Mask(valuesId));
    }

    private string? Text(ref SpanReader r) => r.Varint() is var id and not 0 ? _texts[id] : null;

    private IReadOnlyList<Coding> Codes(ref SpanReader r) => CodesOf((int)r.Varint());

    private IReadOnlyList<Coding> CodesOf(int id) => id == 0 ? NoCodes : _codings[id] ??= Coding.Split(_texts[id]);

    private ValueSetMask Mask(int id)
    {
        if (id == 0)
        {
            return ValueSetMask.None;
        }

        if (!_classified[id])
        {
            _masks[id] = _index.Classify(CodesOf(id));
            _classified[id] = true;
        }

        return _masks[id];
    }

    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; set; }

        public ulong Varint()
        {
            ulong value = 0;
            var shift = 0;
            while (true)
            {
                var b = _bytes[Position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }

                shift += 7;
            }
        }

        public double Double()
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_bytes[Position..]);
            Position += 8;
            return value;
        }

        public decimal Decimal()
        {
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++)
            {
                bits[i] = BinaryPrimitives.ReadInt32LittleEndian(_bytes[(Position + (4 * i))..]);
            }

            Position += 16;
            return new decimal(bits);
        }

        public string Utf8()
        {
            var length = (int)Varint();
            var text = Encoding.UTF8.GetString(_bytes.Slice(Position, length));
            Position += length;
            return text;
        }
    }
}
