namespace PkAnalytics.Warehouse.Accounts;

/// <summary>The four roles of PkAnalytics (names as stored in the role table and used in [Authorize]).</summary>
public static class PkRoles
{
    /// <summary>Users, roles, settings: everything.</summary>
    public const string Admin = "Admin";

    /// <summary>The Bupati's office: reads every agency, changes nothing.</summary>
    public const string Pimpinan = "Pimpinan";

    /// <summary>Reads every agency, uploads documents, edits indicator settings and bands, manages report subscriptions.</summary>
    public const string Bappeda = "Bappeda";

    /// <summary>Operator OPD: reads and enters realisation for the one agency on the account.</summary>
    public const string Operator = "Operator";

    public static IReadOnlyList<string> All { get; } = [Admin, Pimpinan, Bappeda, Operator];

    /// <summary>For [Authorize(Roles = ...)]: who manages report subscriptions.</summary>
    public const string SubscriptionManagers = Admin + "," + Bappeda;
}
