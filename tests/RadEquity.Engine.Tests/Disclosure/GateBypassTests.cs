using System.Reflection;
using RadEquity.Engine.Disclosure;

namespace RadEquity.Engine.Tests.Disclosure;

/// <summary>ARCHITECTURE idea 5: the outbound aggregate types can be obtained from the gate and from nowhere else.</summary>
public sealed class GateBypassTests
{
    private const byte NewObj = 0x73;

    private static readonly Type[] Outbound = [typeof(DisclosedRelease), typeof(DisclosedTable), typeof(DisclosedCell)];

    private static readonly Assembly Engine = typeof(SmallCellGate).Assembly;

    [Fact]
    public void OutboundTypes_Constructors_AreNeitherPublicNorProtected()
    {
        Assert.All(Outbound, type =>
        {
            Assert.True(type.IsSealed, $"{type.Name} must be sealed");
            Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static));
            var constructors = type.GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance);
            Assert.NotEmpty(constructors);
            Assert.All(constructors, c => Assert.True(c.IsAssembly, $"{type.Name}'s constructor must be internal, not protected"));
            Assert.All(type.GetProperties(), p => Assert.Null(p.GetSetMethod(nonPublic: false)));
        });
    }

    [Fact]
    public void EngineAssembly_OutboundConstructors_AreCalledOnlyByTheGate()
    {
        var callers = NewObjectSites().ToList();

        Assert.Equal(Outbound.ToHashSet(), callers.Select(c => c.Created).ToHashSet());
        Assert.All(callers, c => Assert.True(
            IsWithin(c.Caller, typeof(SmallCellGate)) || Outbound.Contains(c.Caller),
            $"{c.Caller.FullName} creates {c.Created.Name}; only SmallCellGate may"));
    }

    [Fact]
    public void EngineAssembly_PublicMethodsReturningOutboundTypes_AreTheGateOnly()
    {
        var producers = Engine.GetExportedTypes()
            .Where(t => !Outbound.Contains(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => Outbound.Contains(m.ReturnType))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Equal(["SmallCellGate.Disclose"], producers);
    }

    [Fact]
    public void DisclosedCell_PublicSurface_CarriesOnlyCategoriesCountsAndStatistics()
    {
        var properties = typeof(DisclosedCell).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["Categories", "Counts", "Interval", "IsSuppressed", "Rate"], properties);
        Assert.All(typeof(CellCounts).GetProperties(), p => Assert.Equal(typeof(long), p.PropertyType));
    }

    // Every "newobj <ctor>" in the engine's IL whose constructor belongs to an outbound type. A 0x73 byte inside an
    // operand is skipped unless its next four bytes happen to resolve to exactly such a constructor.
    private static IEnumerable<(Type Caller, Type Created)> NewObjectSites()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in Engine.GetTypes())
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] == NewObj && Resolve(method, BitConverter.ToInt32(il, i + 1)) is ConstructorInfo { DeclaringType: { } created }
                        && Outbound.Contains(created))
                    {
                        yield return (type, created);
                    }
                }
            }
        }
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMethod(
                token,
                method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null,
                method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException)
        {
            return null;
        }
    }

    private static bool IsWithin(Type type, Type container)
    {
        for (Type? t = type; t is not null; t = t.DeclaringType)
        {
            if (t == container)
            {
                return true;
            }
        }

        return false;
    }
}
