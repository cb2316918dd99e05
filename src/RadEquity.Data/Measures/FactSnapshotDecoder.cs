using System.Buffers.Binary;
using System.Text;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Measures;

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
