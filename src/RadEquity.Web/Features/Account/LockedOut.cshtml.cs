using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Account;

/// <summary><c>/account/locked-out</c>: too many failed attempts.</summary>
[AllowAnonymous]
internal sealed class LockedOutModel : PageModel
{
}
