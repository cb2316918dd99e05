namespace RadEquity.Interop.Synthetic;

/// <summary>The profile's region: ZIP areas with rurality and deprivation, and the imaging sites.</summary>
internal sealed class Region
{
    private const double EarthRadiusKm = 6371.0088;
    private readonly double[] _zipWeights;
    private readonly SiteData[] _fixedSites;

    public Region(RegionData data)
    {
        Data = data;
        _zipWeights = data.Zips.Select(z => z.Weight).ToArray();
        _fixedSites = data.Sites.Where(s => !s.Mobile).ToArray();
        MobileSite = data.Sites.FirstOrDefault(s => s.Mobile);
    }

    public RegionData Data { get; }

    public SiteData? MobileSite { get; }

    /// <summary>RUCA 1-3 are metropolitan (urban); 4-10 micropolitan, small town and rural.</summary>
    public static bool IsRural(int ruca) => ruca >= 4;

    public int PickZip(ref Rng rng) => rng.Pick(_zipWeights);

    /// <summary>A home position uniformly spread within the ZIP area's radius around its centroid.</summary>
    public static (double Lat, double Lon) HomeIn(ZipArea zip, ref Rng rng)
    {
        var r = zip.RadiusKm * Math.Sqrt(rng.NextDouble());
        var theta = 2 * Math.PI * rng.NextDouble();
        var dLat = r * Math.Cos(theta) / 111.32;
        var dLon = r * Math.Sin(theta) / (111.32 * Math.Cos(zip.Latitude * Math.PI / 180));
        return (Math.Round(zip.Latitude + dLat, 5), Math.Round(zip.Longitude + dLon, 5));
    }

    /// <summary>The nearest fixed site and its great-circle distance (the mobile unit has no fixed place).</summary>
    public (SiteData Site, double Km) NearestFixedSite(double lat, double lon)
    {
        var best = _fixedSites[0];
        var bestKm = double.MaxValue;
        foreach (var s in _fixedSites)
        {
            var km = Haversine(lat, lon, s.Latitude, s.Longitude);
            if (km < bestKm)
            {
                bestKm = km;
                best = s;
            }
        }

        return (best, bestKm);
    }

    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double rad = Math.PI / 180;
        var dLat = (lat2 - lat1) * rad;
        var dLon = (lon2 - lon1) * rad;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
