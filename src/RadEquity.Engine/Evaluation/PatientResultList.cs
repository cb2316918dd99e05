using System.Collections;

namespace RadEquity.Engine.Evaluation;

/// <summary>
/// Per-patient results in input order, kept in blocks that stay on the small-object heap. A million patients have
/// about 80 MB of results: one growing array would be copied at every doubling and would live on the large-object
/// heap, which only a full collection reclaims, and a full collection walks every patient held in memory.
/// </summary>
internal sealed class PatientResultList : IReadOnlyList<PatientResult>
{
    // 1,024 results of 72 bytes stay under the 85,000-byte large-object threshold.
    private const int BlockSize = 1024;

    private readonly List<PatientResult[]> _blocks = [];
    private readonly List<int> _filled = [];
    private bool _lastIsShared;
    private int[]? _starts;

    /// <inheritdoc />
    public int Count { get; private set; }

    /// <inheritdoc />
    public PatientResult this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var starts = _starts ??= Starts();
            var block = Array.BinarySearch(starts, index);
            if (block < 0)
            {
                block = ~block - 1;
            }

            // Appended lists may leave empty blocks; the last block starting at or before the index holds it.
            while (_filled[block] == 0 || index - starts[block] >= _filled[block])
            {
                block++;
            }

            return _blocks[block][index - starts[block]];
        }
    }

    public void Add(in PatientResult result)
    {
        if (_blocks.Count == 0 || _lastIsShared || _filled[^1] == BlockSize)
        {
            _blocks.Add(new PatientResult[BlockSize]);
            _filled.Add(0);
            _lastIsShared = false;
        }

        _blocks[^1][_filled[^1]] = result;
        _filled[^1]++;
        Count++;
        _starts = null;
    }

    /// <summary>Appends <paramref name="other"/>'s results by taking over its blocks, not copying them; neither list
    /// may be added to afterwards through <paramref name="other"/>.</summary>
    public void Append(PatientResultList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _blocks.AddRange(other._blocks);
        _filled.AddRange(other._filled);
        _lastIsShared = other._blocks.Count > 0 || _lastIsShared;
        Count += other.Count;
        _starts = null;
    }

    /// <inheritdoc />
    public IEnumerator<PatientResult> GetEnumerator()
    {
        for (var b = 0; b < _blocks.Count; b++)
        {
            var block = _blocks[b];
            for (var i = 0; i < _filled[b]; i++)
            {
                yield return block[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int[] Starts()
    {
        var starts = new int[_blocks.Count];
        for (int b = 0, start = 0; b < starts.Length; b++)
        {
            starts[b] = start;
            start += _filled[b];
        }

        return starts;
    }
}
