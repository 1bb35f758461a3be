using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data;

namespace PkAnalytics.Dashboard.Components.Account;

/// <summary>
/// The sign-in cookie carries what the scope is built from: the role (Identity adds it), the operator's agency,
/// the display name, and whether the role requires a second factor the account has not set up yet.
/// </summary>
internal sealed class PkClaimsPrincipalFactory(
    UserManager<PkUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options,
    IDbContextFactory<WarehouseDbContext> contexts)
    : UserClaimsPrincipalFactory<PkUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PkUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PkClaims.FullName, user.FullName.Length > 0 ? user.FullName : user.Email ?? user.UserName ?? ""));
        if (user.AgencyId is { } agency)
        {
            identity.AddClaim(new Claim(PkClaims.AgencyId, agency.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (!user.TwoFactorEnabled)
        {
            var roles = await UserManager.GetRolesAsync(user);
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.RolePolicies.AnyAsync(p => roles.Contains(p.RoleName) && p.RequireTwoFactor))
            {
                identity.AddClaim(new Claim(PkClaims.TwoFactorSetupRequired, "true"));
            }
        }

        return identity;
    }
}

public static class PkClaims
{
    public const string AgencyId = "pk:agency";
    public const string FullName = "pk:name";

    /// <summary>The role requires an authenticator and the account has none yet: only the setup pages open.</summary>
    public const string TwoFactorSetupRequired = "pk:2fa-setup";
}
