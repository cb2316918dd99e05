using RadEquity.Data.Measures;

namespace RadEquity.Data.Tests.Measures;

/// <summary>The order the reader merges in must be the order SQLite (BINARY) and PostgreSQL ("C") sort in.</summary>
public sealed class CodePointOrderTests
{
    [Theory]
    [InlineData("pt-1", "pt-1", 0)]
    [InlineData("pt-1", "pt-10", -1)]
    [InlineData("PT-3", "pt-1", -1)]
    [InlineData("pt-z", "pt-ä", -1)]
    // U+FFFD sorts before U+1F600 by code point (and in UTF-8 bytes), after it by UTF-16 code unit.
    [InlineData("\uFFFD", "\U0001F600", -1)]
    [InlineData("\U0001F600", "\uE000", 1)]
    public void Compare_TwoIds_OrdersAsUtf8Bytes(string a, string b, int expected)
    {
        var order = Math.Sign(CodePointOrder.Compare(a, b));

        Assert.Equal(expected, order);
        Assert.Equal(
            Math.Sign(System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b))), order);
    }
}
