using Microsoft.AspNetCore.Identity;

namespace PkAnalytics.Warehouse.Accounts;

/// <summary>An account of PkAnalytics: one role (PkRoles), and for an Operator the one agency it works for.</summary>
public sealed class PkUser : IdentityUser
{
    public string FullName { get; set; } = "";

    /// <summary>The agency an Operator reads and enters data for; null for every other role.</summary>
    public int? AgencyId { get; set; }

    /// <summary>A disabled account cannot sign in, and its sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>What a role requires of its accounts beyond a password (set by an Admin).</summary>
public sealed class RolePolicy
{
    public string RoleName { get; set; } = "";

    /// <summary>Accounts of this role must sign in with an authenticator code (TOTP).</summary>
    public bool RequireTwoFactor { get; set; }
}
