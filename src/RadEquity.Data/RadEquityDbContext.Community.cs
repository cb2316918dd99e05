using Microsoft.EntityFrameworkCore;

namespace RadEquity.Data;

// The coalition hub's discussion, webinars, post-tests and certificates.
public abstract partial class RadEquityDbContext
{
    private static void MapCommunity(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
    }
}
