using RadEquity.Engine.Statistics;

namespace RadEquity.Engine.Tests.Statistics;

// Expected values from Python 3.11: NormalDist().inv_cdf (checked against 0.5*erfc(-z/sqrt 2)), math.lgamma, and
// I_x(a, b) = P(Binomial(a + b - 1, x) >= a) summed in exact rationals.
public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.025, -1.9599639845400538)]
    [InlineData(0.3, -0.5244005127080407)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.8, 0.8416212335729144)]
    [InlineData(0.9999, 3.7190164854557084)]
    [InlineData(0.999999999999, 7.0344869100478356)]
    public void InverseCdf_Probability_MatchesReference(double p, double z)
    {
        Assert.Equal(z, NormalDistribution.InverseCdf(p), 1e-12);
    }

    [Fact]
    public void InverseCdf_Bounds_AreInfiniteOrNaN()
    {
        Assert.Equal(double.NegativeInfinity, NormalDistribution.InverseCdf(0));
        Assert.Equal(double.PositiveInfinity, NormalDistribution.InverseCdf(1));
        Assert.True(double.IsNaN(NormalDistribution.InverseCdf(1.5)));
    }

    [Theory]
    [InlineData(0.3, 3, 18, 0.9645168677015313)]
    [InlineData(0.5, 10, 10, 0.5)]
    [InlineData(0.9, 50, 7, 0.6738420643196651)]
    [InlineData(0.01, 1, 1000, 0.9999568287525893)]
    [InlineData(0.2, 200, 800, 0.5063088533798631)]
    public void Regularized_IntegerParameters_MatchesBinomialTail(double x, double a, double b, double expected)
    {
        Assert.Equal(expected, IncompleteBeta.Regularized(x, a, b), 1e-12);
    }

    [Theory]
    [InlineData(0.3, 3, 18)]
    [InlineData(0.9, 50, 7)]
    [InlineData(0.2, 200, 800)]
    public void Inverse_OfRegularized_RoundTrips(double x, double a, double b)
    {
        Assert.Equal(x, IncompleteBeta.Inverse(IncompleteBeta.Regularized(x, a, b), a, b), 1e-10);
    }

    [Theory]
    [InlineData(0.5, 0.5723649429247004)]
    [InlineData(3.7, 1.4280723266653883)]
    [InlineData(10, 12.801827480081467)]
    [InlineData(1000000.5, 12815511.476902764)]
    public void LogGamma_Argument_MatchesReference(double x, double expected)
    {
        Assert.Equal(expected, IncompleteBeta.LogGamma(x), Math.Abs(expected) * 1e-14 + 1e-14);
    }
}
