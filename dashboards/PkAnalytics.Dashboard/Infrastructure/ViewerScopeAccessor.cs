using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// The one place pages get the viewer's scope from: the signed-in account of the circuit (re-checked every minute),
/// so what a page reads and writes is decided on the server, never by what the browser sends.
/// </summary>
public sealed class ViewerScopeAccessor(AuthenticationStateProvider authentication)
{
    public async Task<ViewerScope> GetAsync() => ViewerScopes.From((await authentication.GetAuthenticationStateAsync()).User);
}

public static class ViewerScopes
{
    /// <summary>The scope of a request's or circuit's user: Nobody unless signed in with a known role.</summary>
    public static ViewerScope From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return ViewerScope.Nobody;
        }

        var actor = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? "?";
        if (user.HasClaim(PkClaims.TwoFactorSetupRequired, "true"))
        {
            return ViewerScope.Nobody with { Actor = actor };
        }

        var role = PkRoles.All.FirstOrDefault(user.IsInRole);
        int? agency = int.TryParse(user.FindFirstValue(PkClaims.AgencyId), out var id) ? id : null;
        return ViewerScope.ForRole(role, agency, actor);
    }

    /// <summary>For minimal API handlers: the scope of the request's user.</summary>
    public static ViewerScope Viewer(this HttpContext context) => From(context.User);
}
