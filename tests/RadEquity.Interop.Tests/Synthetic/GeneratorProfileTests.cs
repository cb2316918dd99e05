using System.Text;
using System.Text.Json.Nodes;
using RadEquity.Interop.Synthetic;

namespace RadEquity.Interop.Tests.Synthetic;

public sealed class GeneratorProfileTests
{
    [Fact]
    public void LoadDefault_EmbeddedProfile_HasVersion()
    {
        var profile = GeneratorProfile.LoadDefault();

        Assert.Equal("2026.1", profile.Version);
    }

    [Theory]
    [InlineData("region.zips[2].ruca", 11, "region.zips[2].ruca")]
    [InlineData("region.zips[0].adiStateDecile", 0, "region.zips[0].adiStateDecile")]
    [InlineData("followUp.completion", 0, "followUp.completion")]
    public void Parse_OutOfRangeValue_ErrorNamesTheField(string path, int value, string field)
    {
        var json = DefaultJson();
        Set(json, path, JsonValue.Create(value));

        var ex = Assert.Throws<InvalidDataException>(() => Parse(json));

        Assert.Contains($"field '{field}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongType_ErrorNamesTheField()
    {
        var json = DefaultJson();
        json["smoking"]!["meanPackYears"] = "lots";

        var ex = Assert.Throws<InvalidDataException>(() => Parse(json));

        Assert.Contains("smoking.meanPackYears", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingRequiredField_ErrorNamesTheField()
    {
        var json = DefaultJson();
        json.AsObject().Remove("version");

        var ex = Assert.Throws<InvalidDataException>(() => Parse(json));

        Assert.Contains("version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EffectLevelMissing_ErrorNamesTheFieldAndLevel()
    {
        var json = DefaultJson();
        json["effects"]!["payer"]!.AsArray().RemoveAt(4);

        var ex = Assert.Throws<InvalidDataException>(() => Parse(json));

        Assert.Contains("field 'effects.payer' has no level for 'uninsured'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_File_ReadsTheProfile()
    {
        var path = Path.GetTempFileName();
        try
        {
            var json = DefaultJson();
            json["version"] = "test-1";
            File.WriteAllText(path, json.ToJsonString());

            Assert.Equal("test-1", GeneratorProfile.Load(path).Version);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static GeneratorProfile Parse(JsonNode json) =>
        GeneratorProfile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString())), "test.json");

    private static JsonNode DefaultJson()
    {
        using var stream = typeof(GeneratorProfile).Assembly.GetManifestResourceStream("RadEquity.Interop.Synthetic.default-profile.json")!;
        return JsonNode.Parse(stream)!;
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var node = root;
        var parts = path.Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var name = parts[i].Split('[');
            var last = i == parts.Length - 1 && name.Length == 1;
            if (last)
            {
                node[name[0]] = value;
                return;
            }

            node = node[name[0]]!;
            if (name.Length == 2)
            {
                var index = int.Parse(name[1], System.Globalization.CultureInfo.InvariantCulture);
                if (i == parts.Length - 1)
                {
                    node[index] = value;
                    return;
                }

                node = node[index]!;
            }
        }
    }
}
