using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>What a viewer may do beyond reading the agencies in scope.</summary>
[Flags]
public enum ViewerRights
{
    None = 0,
    EnterRealisation = 1,
    EditSettings = 2,
    UploadDocuments = 4,
    ManageSubscriptions = 8,
    ManageUsers = 16,
    ViewAudit = 32,
    All = EnterRealisation | EditSettings | UploadDocuments | ManageSubscriptions | ManageUsers | ViewAudit,
}

/// <summary>
/// Who is asking and what they may see and do. Every read model and every store takes one and enforces it on the
/// server: SQL filters with <c>(@ScopeAgencyId is null or agency_id = @ScopeAgencyId)</c>, and writes check the
/// rights and the agency before anything is touched. The dashboard builds it from the signed-in account
/// (<see cref="ForRole"/>); the command line acts as <see cref="System"/>.
/// </summary>
public sealed record ViewerScope(int? AgencyId, ViewerRights Rights, string Actor)
{
    /// <summary>The command line and background jobs: every agency, every right.</summary>
    public static ViewerScope System { get; } = new(null, ViewerRights.All, "system");

    /// <summary>Reads every agency as the system does (tests and tools that only read).</summary>
    public static ViewerScope AllAgencies => System;

    /// <summary>An operator of one agency (what the Operator role gets).</summary>
    public static ViewerScope Agency(int agencyId, string actor = "system") => new(agencyId, ViewerRights.EnterRealisation, actor);

    /// <summary>Someone not signed in: no agency (ids start at 1), no rights.</summary>
    public static ViewerScope Nobody { get; } = new(0, ViewerRights.None, "anonim");

    public bool SeesAll => AgencyId is null;

    public bool Can(ViewerRights right) => (Rights & right) == right;

    /// <summary>May this viewer see the agency's data?</summary>
    public bool Sees(int agencyId) => AgencyId is null || AgencyId == agencyId;

    /// <summary>The scope of an account of the role: Operator = its agency (none when unset), others = every agency.</summary>
    public static ViewerScope ForRole(string? role, int? agencyId, string actor) => role switch
    {
        PkRoles.Admin => new(null, ViewerRights.All, actor),
        PkRoles.Bappeda => new(null, ViewerRights.UploadDocuments | ViewerRights.EditSettings | ViewerRights.ManageSubscriptions, actor),
        PkRoles.Pimpinan => new(null, ViewerRights.None, actor),
        PkRoles.Operator when agencyId is { } agency => new(agency, ViewerRights.EnterRealisation, actor),
        _ => Nobody with { Actor = actor },
    };
}
