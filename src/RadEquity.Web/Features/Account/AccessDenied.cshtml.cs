using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Account;

/// <summary><c>/account/access-denied</c>: signed in, but the role does not allow the page.</summary>
internal sealed class AccessDeniedModel : PageModel
{
}
