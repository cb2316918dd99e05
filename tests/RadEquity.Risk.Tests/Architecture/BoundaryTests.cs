using System.Reflection;

namespace RadEquity.Risk.Tests.Architecture;

/// <summary>ADR 0010: ML.NET stays inside RadEquity.Risk; callers see only its own types.</summary>
public class BoundaryTests
{
    private static readonly Assembly Risk = typeof(RiskModel).Assembly;

    [Fact]
    public void RiskPublicApi_ExposesNoMlNetType()
    {
        var leaks = new List<string>();
        foreach (var type in Risk.GetExportedTypes())
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var exposed = member switch
                {
                    MethodInfo m => [m.ReturnType, .. m.GetParameters().Select(p => p.ParameterType)],
                    PropertyInfo p => [p.PropertyType],
                    FieldInfo f => [f.FieldType],
                    ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType).ToArray(),
                    _ => Array.Empty<Type>(),
                };
                leaks.AddRange(exposed.Where(IsMlNet).Select(t => $"{type.Name}.{member.Name}: {t.FullName}"));
            }
        }

        Assert.Empty(leaks);
        Assert.Contains(Risk.GetReferencedAssemblies(), a => a.Name == "Microsoft.ML.FastTree");
    }

    [Fact]
    public void Engine_DoesNotReferenceRiskOrMlNet()
    {
        var references = typeof(Engine.Facts.Fact).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.ML", StringComparison.Ordinal) || n == "RadEquity.Risk");
    }

    private static bool IsMlNet(Type type) =>
        (type.Assembly.GetName().Name ?? "").StartsWith("Microsoft.ML", StringComparison.Ordinal) ||
        (type.IsGenericType && type.GetGenericArguments().Any(IsMlNet)) ||
        (type.HasElementType && IsMlNet(type.GetElementType()!));
}
