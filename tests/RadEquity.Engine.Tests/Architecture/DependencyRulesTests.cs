using System.Reflection;
using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Tests.Architecture;

/// <summary>ARCHITECTURE: the engine depends on nothing but the BCL, and references point one way.</summary>
public sealed class DependencyRulesTests
{
    private static readonly Assembly Engine = typeof(Fact).Assembly;

    [Fact]
    public void Engine_References_OnlyTheBaseClassLibrary()
    {
        var references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "mscorlib" or "netstandard",
            $"RadEquity.Engine references {name}; the engine may depend on the BCL only"));
    }

    [Fact]
    public void Engine_PublicClasses_AreRecordsOrSealed()
    {
        var publicTypes = Engine.GetExportedTypes();

        Assert.Contains(typeof(ClinicalEvent), publicTypes);
        Assert.All(publicTypes.Where(t => t.IsClass && !t.IsAbstract), type =>
            Assert.True(type.GetMethod("<Clone>$") is not null || type.IsSealed, $"{type.Name} should be an immutable record"));
    }
}
