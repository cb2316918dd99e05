using Microsoft.EntityFrameworkCore;

namespace RadEquity.Data;

// The coalition hub's organisations, disparity facts, join requests and contact messages.
public abstract partial class RadEquityDbContext
{
    private static void MapCoalitionHome(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
    }
}
