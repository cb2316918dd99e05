namespace RadEquity.Interop.Synthetic;

/// <summary>
/// A small deterministic random stream (SplitMix64). Each patient gets its own stream derived from
/// (seed, patient index), so output does not depend on generation order or thread count.
/// </summary>
internal struct Rng
{
    private ulong _state;

    public Rng(int seed, long stream)
    {
        unchecked
        {
            _state = Mix(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ Mix((ulong)stream + 0xD1B54A32D192ED03UL));
        }
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => (int)(NextDouble() * n);

    /// <summary>Uniform integer in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Exponential with the given mean, capped at <paramref name="max"/>.</summary>
    public double Exponential(double mean, double max) => Math.Min(-mean * Math.Log(1 - NextDouble()), max);

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int Pick(IReadOnlyList<double> weights)
    {
        double total = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        var u = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
