using Microsoft.EntityFrameworkCore;

namespace RadEquity.Data;

// The coalition hub's the resource library and its moderated comments.
public abstract partial class RadEquityDbContext
{
    private static void MapLibrary(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
    }
}
