using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Measures;

/// <summary>
/// Groups facts into <see cref="PatientRecord"/>s: one per (source, patient id), with events classified by a
/// <see cref="CodeIndex"/>. For facts held in memory (tests, benchmarks, a just-ingested file); the store has its
/// own bulk reader.
/// </summary>
public sealed class PatientRecordSet
{
    private readonly CodeIndex _codes;
    private readonly Dictionary<(string Source, string PatientId), Entry> _patients = [];

    /// <summary>Creates an empty set that classifies with <paramref name="codes"/>.</summary>
    public PatientRecordSet(CodeIndex codes) => _codes = codes ?? throw new ArgumentNullException(nameof(codes));

    /// <summary>Adds one fact. Appointments and sites are not read by measures and are ignored.</summary>
    public void Add(ResourceKey key, Fact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        switch (fact)
        {
            case PatientFact patient:
                EntryOf(key.Source, patient.PatientId).Patient = patient;
                break;
            case CoverageFact coverage:
                EntryOf(key.Source, coverage.PatientId).Coverages.Add(coverage);
                break;
            case ClinicalEvent clinical:
                EntryOf(key.Source, clinical.PatientId).Events.Add(EventRecord.Create(key.ResourceType, key.ResourceId, clinical, _codes));
                break;
            default:
                break;
        }
    }

    /// <summary>The patients with a Patient fact, ordered by source and id; facts of patients without one are left
    /// out (nothing can be said about their age or sex).</summary>
    public IReadOnlyList<PatientRecord> ToRecords() =>
        _patients
            .Where(p => p.Value.Patient is not null)
            .OrderBy(p => p.Key.Source, StringComparer.Ordinal)
            .ThenBy(p => p.Key.PatientId, StringComparer.Ordinal)
            .Select(p => new PatientRecord(p.Key.Source, p.Value.Patient!, p.Value.Coverages.ToArray(), p.Value.Events.ToArray()))
            .ToList();

    private Entry EntryOf(string source, string patientId)
    {
        if (!_patients.TryGetValue((source, patientId), out var entry))
        {
            _patients[(source, patientId)] = entry = new Entry();
        }

        return entry;
    }

    private sealed class Entry
    {
        public PatientFact? Patient { get; set; }
        public List<CoverageFact> Coverages { get; } = [];
        public List<EventRecord> Events { get; } = [];
    }
}
