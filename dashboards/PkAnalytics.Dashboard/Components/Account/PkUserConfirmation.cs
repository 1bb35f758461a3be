using Microsoft.AspNetCore.Identity;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Components.Account;

/// <summary>A disabled account cannot sign in (Identity asks this before every sign-in and stamp check).</summary>
internal sealed class PkUserConfirmation : IUserConfirmation<PkUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PkUser> manager, PkUser user) => Task.FromResult(!user.IsDisabled);
}
