using System.IO.Compression;
using System.Text;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

public class NdjsonReaderTests
{
    private static string PatientLine(int i) =>
        $$"""{"resourceType":"Patient","id":"p{{i}}","gender":"female","birthDate":"1970-01-01","name":[{"family":"Family{{i}}","given":["Given"]}]}""";

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    [Fact]
    public void Read_BulkDataLog_SkippedWithNoteNotQuarantined()
    {
        var (items, messages) = TestData.Read(TestData.File("bulk", "log.ndjson"));

        Assert.Empty(items);
        Assert.Contains("Bulk Data export log", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Gzip_AllLines()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("Patient.ndjson.gz");
        File.WriteAllBytes(path, Gzip(string.Join('\n', Enumerable.Range(1, 50).Select(PatientLine)) + "\n"));

        var (items, messages) = TestData.Read(path);

        Assert.Equal(50, items.OfType<ProjectedResource>().Count());
        Assert.Empty(messages);
    }

    [Fact]
    public void Read_TruncatedGzip_KeepsCompleteLinesAndReportsWhere()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("Patient.ndjson.gz");
        var lines = Enumerable.Range(1, 3000).Select(i => PatientLine(i * 7919 % 100003)).ToArray();
        var whole = Gzip(string.Join('\n', lines) + "\n");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var (items, messages) = TestData.Read(path);

        var read = items.OfType<ProjectedResource>().ToList();
        Assert.InRange(read.Count, 100, 2999);
        Assert.Empty(items.OfType<QuarantinedRecord>());
        Assert.Equal(read.Count, read[^1].Location.Line);
        Assert.Equal(path + $": compressed data ends unexpectedly after line {read.Count}", Assert.Single(messages));
    }

    [Fact]
    public void Read_GzipMissingTrailer_ReportedAsTruncated()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("Patient.ndjson.gz");
        var whole = Gzip(PatientLine(1) + "\n" + PatientLine(2) + "\n");
        File.WriteAllBytes(path, whole[..^6]);

        var (items, messages) = TestData.Read(path);

        Assert.Equal(2, items.OfType<ProjectedResource>().Count());
        Assert.EndsWith("compressed data ends unexpectedly after line 2", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_MessageNoItems()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("Empty.ndjson");
        File.WriteAllBytes(path, []);

        var (items, messages) = TestData.Read(path);

        Assert.Empty(items);
        Assert.Equal(path + ": empty file, nothing read", Assert.Single(messages));
    }

    [Fact]
    public void Read_LineOverCap_QuarantinedUnbufferedAndLaterLinesLoad()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("Big.ndjson");
        var huge = """{"resourceType":"Patient","id":"huge","text":{"div":" """ + new string('x', 300_000) + "\"}}";
        File.WriteAllText(path, PatientLine(1) + "\n" + huge + "\r\n" + PatientLine(3) + "\n" + PatientLine(4));

        var (items, _) = TestData.Read(path, new() { MaxRecordBytes = 4096 });

        var q = TestData.Quarantined(items, 2);
        Assert.Contains("exceeds the 4096-byte record cap", q.Reason, StringComparison.Ordinal);
        Assert.Null(q.Excerpt);
        Assert.Equal([1L, 3L, 4L], items.OfType<ProjectedResource>().Select(r => r.Location.Line));
        Assert.Equal(["p1", "p3", "p4"], items.OfType<ProjectedResource>().Select(r => r.Key.ResourceId));
    }

    [Fact]
    public void Read_InvalidUtf8Line_QuarantinedOthersLoad()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("Latin1.ndjson");
        var bad = Encoding.Latin1.GetBytes("""{"resourceType":"Patient","id":"jose","name":[{"family":"Peña"}]}""");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(PatientLine(1) + "\n"), .. bad, (byte)'\n', .. Encoding.UTF8.GetBytes(PatientLine(3) + "\n")]);

        var (items, _) = TestData.Read(path);

        var q = TestData.Quarantined(items, 2);
        Assert.Equal("invalid UTF-8 at byte 60 of the line", q.Reason);
        Assert.Equal(2, items.OfType<ProjectedResource>().Count());
    }

    [Fact]
    public void Read_ByteOrderMarkAndCrlf_Tolerated()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("Bom.ndjson");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(PatientLine(1) + "\r\n" + PatientLine(2) + "\r\n")]);

        var (items, _) = TestData.Read(path);

        Assert.Equal(2, items.OfType<ProjectedResource>().Count());
    }
}
