using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Components.Account;

public sealed record AccountSummary(
    string Id, string Email, string FullName, string? Role, int? AgencyId, string? AgencyName, bool IsDisabled,
    bool TwoFactorEnabled, bool IsLockedOut, DateTime CreatedAt);

/// <summary>The outcome of an account operation: an error in Bahasa Indonesia, or success with a password to show once.</summary>
public sealed record AccountResult(string? Error, string? UserId = null, string? NewPassword = null)
{
    public bool Succeeded => Error is null;

    public static AccountResult Fail(string error) => new(error);
}

/// <summary>
/// Creating, re-scoping, disabling accounts and resetting passwords, for the Admin page and the command line.
/// Every operation checks on the server that the actor may manage users, and is recorded in the audit log as done
/// by the actor. Each runs in its own service scope (a fresh EF context), never in a long-lived circuit's.
/// </summary>
public sealed class AccountAdministration(IServiceScopeFactory scopes)
{
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A password to hand over once: 4 groups of 4 unambiguous characters (about 92 bits).</summary>
    public static string GeneratePassword() =>
        string.Join("-", Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(PasswordAlphabet, 4)));

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(ViewerScope actor, CancellationToken cancellationToken = default)
    {
        Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDbContext>();
        var now = DateTimeOffset.UtcNow;
        var rows = await (
            from u in db.Users
            join a in db.Agencies on u.AgencyId equals a.AgencyId into agencies
            from a in agencies.DefaultIfEmpty()
            let role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault()
            orderby u.Email
            select new AccountSummary(u.Id, u.Email ?? "", u.FullName, role, u.AgencyId, a == null ? null : a.Name, u.IsDisabled,
                u.TwoFactorEnabled, u.LockoutEnd != null && u.LockoutEnd > now, u.CreatedAt))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>Creates an account with one role; without a password one is generated and returned to show once.</summary>
    public async Task<AccountResult> CreateAsync(ViewerScope actor, string email, string fullName, string role, int? agencyId, string? password = null)
    {
        Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope, actor);
        if (await ValidateRoleAsync(db, role, agencyId) is { } invalid)
        {
            return AccountResult.Fail(invalid);
        }

        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Fail($"Akun {email} sudah ada.");
        }

        await EnsureRolesAsync(scope.ServiceProvider);
        var generated = password is null ? GeneratePassword() : null;
        var user = new PkUser
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = fullName.Trim(),
            AgencyId = role == PkRoles.Operator ? agencyId : null, CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password ?? generated!);
        if (!created.Succeeded)
        {
            return AccountResult.Fail(Describe(created));
        }

        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? new AccountResult(null, user.Id, generated) : AccountResult.Fail(Describe(added));
    }

    /// <summary>Gives the account another role (and, for an Operator, agency); its open sessions end within a minute.</summary>
    public async Task<AccountResult> SetRoleAsync(ViewerScope actor, string userId, string role, int? agencyId)
    {
        Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope, actor);
        if (await ValidateRoleAsync(db, role, agencyId) is { } invalid)
        {
            return AccountResult.Fail(invalid);
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return AccountResult.Fail("Akun tidak ditemukan.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(PkRoles.Admin) && role != PkRoles.Admin && await IsLastActiveAdminAsync(users, user))
        {
            return AccountResult.Fail("Ini Admin aktif terakhir; tetapkan Admin lain lebih dulu.");
        }

        await EnsureRolesAsync(scope.ServiceProvider);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var removed = await users.RemoveFromRolesAsync(user, current.Where(r => r != role));
        if (!removed.Succeeded)
        {
            return AccountResult.Fail(Describe(removed));
        }

        if (!current.Contains(role) && await users.AddToRoleAsync(user, role) is { Succeeded: false } added)
        {
            return AccountResult.Fail(Describe(added));
        }

        user.AgencyId = role == PkRoles.Operator ? agencyId : null;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync();
        return new AccountResult(null, user.Id);
    }

    /// <summary>Disables (or enables again) an account; a disabled account's sessions end within a minute.</summary>
    public async Task<AccountResult> SetDisabledAsync(ViewerScope actor, string userId, bool disabled)
    {
        Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        var (users, _) = Services(scope, actor);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return AccountResult.Fail("Akun tidak ditemukan.");
        }

        if (disabled && (await users.GetRolesAsync(user)).Contains(PkRoles.Admin) && await IsLastActiveAdminAsync(users, user))
        {
            return AccountResult.Fail("Ini Admin aktif terakhir; akun ini tidak dapat dinonaktifkan.");
        }

        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return new AccountResult(null, user.Id);
    }

    /// <summary>Sets a new password (generated when none is given, to show once) and lifts a lockout.</summary>
    public async Task<AccountResult> ResetPasswordAsync(ViewerScope actor, string userIdOrEmail, string? password = null)
    {
        Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        var (users, _) = Services(scope, actor);
        var user = await users.FindByIdAsync(userIdOrEmail) ?? await users.FindByEmailAsync(userIdOrEmail.Trim());
        if (user is null)
        {
            return AccountResult.Fail($"Akun {userIdOrEmail} tidak ditemukan.");
        }

        var generated = password is null ? GeneratePassword() : null;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password ?? generated!);
        if (!reset.Succeeded)
        {
            return AccountResult.Fail(Describe(reset));
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return new AccountResult(null, user.Id, generated);
    }

    /// <summary>Removes the account's authenticator (a lost phone); the next sign-in asks for a new one if the role requires it.</summary>
    public async Task<AccountResult> ResetTwoFactorAsync(ViewerScope actor, string userId)
    {
        Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        var (users, _) = Services(scope, actor);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return AccountResult.Fail("Akun tidak ditemukan.");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return new AccountResult(null, user.Id);
    }

    public async Task<IReadOnlyDictionary<string, bool>> TwoFactorPoliciesAsync(ViewerScope actor)
    {
        Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDbContext>();
        var stored = await db.RolePolicies.ToDictionaryAsync(p => p.RoleName, p => p.RequireTwoFactor);
        return PkRoles.All.ToDictionary(r => r, r => stored.GetValueOrDefault(r));
    }

    /// <summary>Requires (or no longer requires) an authenticator of every account of the role.</summary>
    public async Task SetTwoFactorPolicyAsync(ViewerScope actor, string role, bool required)
    {
        Require(actor);
        if (!PkRoles.All.Contains(role))
        {
            throw new ArgumentException($"unknown role {role}", nameof(role));
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope, actor);
        var policy = await db.RolePolicies.FindAsync(role) ?? db.RolePolicies.Add(new RolePolicy { RoleName = role }).Entity;
        policy.RequireTwoFactor = required;
        await db.SaveChangesAsync();

        // Sessions of the role pick the new rule up at their next stamp check (a minute).
        foreach (var user in await users.GetUsersInRoleAsync(role))
        {
            await users.UpdateSecurityStampAsync(user);
        }
    }

    /// <summary>
    /// On a database without accounts: one Admin (and, for sample data, one account per role), with generated
    /// passwords returned to print once. With any account present it creates nothing.
    /// </summary>
    public async Task<IReadOnlyList<(string Email, string Role, string Password)>> BootstrapAsync(bool demoAccounts)
    {
        var system = ViewerScope.System;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await EnsureRolesAsync(scope.ServiceProvider);
            if (await scope.ServiceProvider.GetRequiredService<WarehouseDbContext>().Users.AnyAsync())
            {
                return [];
            }
        }

        var accounts = new List<(string, string, string, int?)> { ("admin@pk.local", "Administrator", PkRoles.Admin, null) };
        if (demoAccounts)
        {
            accounts.Add(("pimpinan@pk.local", "Pimpinan (contoh)", PkRoles.Pimpinan, null));
            accounts.Add(("bappeda@pk.local", "Analis Bappeda (contoh)", PkRoles.Bappeda, null));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WarehouseDbContext>();
            if (await db.Agencies.OrderBy(a => a.Name).FirstOrDefaultAsync() is { } agency)
            {
                accounts.Add(("operator@pk.local", $"Operator {agency.Name} (contoh)", PkRoles.Operator, agency.AgencyId));
            }
        }

        var created = new List<(string, string, string)>();
        foreach (var (email, name, role, agency) in accounts)
        {
            var result = await CreateAsync(system, email, name, role, agency);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"could not create {email}: {result.Error}");
            }

            created.Add((email, role, result.NewPassword!));
        }

        return created;
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PkRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private static void Require(ViewerScope actor)
    {
        if (!actor.Can(ViewerRights.ManageUsers))
        {
            throw new UnauthorizedAccessException("Akun Anda tidak berwenang mengelola pengguna.");
        }
    }

    private static (UserManager<PkUser> Users, WarehouseDbContext Db) Services(AsyncServiceScope scope, ViewerScope actor)
    {
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDbContext>();
        db.Audit = new AuditContext(actor.Actor);
        return (scope.ServiceProvider.GetRequiredService<UserManager<PkUser>>(), db);
    }

    private static async Task<string?> ValidateRoleAsync(WarehouseDbContext db, string role, int? agencyId)
    {
        if (!PkRoles.All.Contains(role))
        {
            return $"Peran '{role}' tidak dikenal (Admin, Pimpinan, Bappeda, Operator).";
        }

        if (role == PkRoles.Operator)
        {
            if (agencyId is not { } id)
            {
                return "Operator OPD memerlukan perangkat daerah.";
            }

            if (!await db.Agencies.AnyAsync(a => a.AgencyId == id))
            {
                return $"Perangkat daerah {id} tidak ada.";
            }
        }

        return null;
    }

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<PkUser> users, PkUser user) =>
        !(await users.GetUsersInRoleAsync(PkRoles.Admin)).Any(a => a.Id != user.Id && !a.IsDisabled);

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
