namespace RadEquity.Engine.Disclosure;

/// <summary>
/// Which suppressed entries the published values determine exactly. Unknowns are the suppressed entries; each line
/// gives one linear equation (Σ members − margin = 0, with published entries moved to the right-hand side). An
/// unknown is determined exactly when its unit vector lies in the row space, i.e. when reduced row echelon form has
/// a row whose only non-zero coefficient is that unknown's.
/// </summary>
internal static class ExposureAudit
{
    private const double Tolerance = 1e-9;

    /// <summary>The lowest-numbered suppressed entry the published values determine, or −1 when none is.</summary>
    public static int FirstExposed(IReadOnlyList<Line> lines, bool[] suppressed)
    {
        var unknowns = Enumerable.Range(0, suppressed.Length).Where(e => suppressed[e]).ToArray();
        var column = unknowns.Select((entry, index) => (entry, index)).ToDictionary(p => p.entry, p => p.index);
        var rows = new List<double[]>();
        foreach (var line in lines)
        {
            var row = new double[unknowns.Length];
            foreach (var member in line.Members.Where(m => suppressed[m]))
            {
                row[column[member]] += 1.0;
            }

            if (suppressed[line.Margin])
            {
                row[column[line.Margin]] -= 1.0;
            }

            if (row.Any(v => v != 0.0))
            {
                rows.Add(row);
            }
        }

        var pivotRow = 0;
        var pivots = new List<(int Row, int Column)>();
        for (var c = 0; c < unknowns.Length && pivotRow < rows.Count; c++)
        {
            var best = Enumerable.Range(pivotRow, rows.Count - pivotRow).MaxBy(r => Math.Abs(rows[r][c]));
            if (Math.Abs(rows[best][c]) < Tolerance)
            {
                continue;
            }

            (rows[pivotRow], rows[best]) = (rows[best], rows[pivotRow]);
            var pivot = rows[pivotRow];
            var scale = pivot[c];
            for (var k = 0; k < pivot.Length; k++)
            {
                pivot[k] /= scale;
            }

            for (var r = 0; r < rows.Count; r++)
            {
                if (r != pivotRow && Math.Abs(rows[r][c]) >= Tolerance)
                {
                    var factor = rows[r][c];
                    for (var k = 0; k < pivot.Length; k++)
                    {
                        rows[r][k] -= factor * pivot[k];
                    }
                }
            }

            pivots.Add((pivotRow, c));
            pivotRow++;
        }

        foreach (var (row, c) in pivots)
        {
            if (rows[row].Where((_, k) => k != c).All(v => Math.Abs(v) < Tolerance))
            {
                return unknowns[c];
            }
        }

        return -1;
    }
}
