namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>
/// Which agencies a viewer may see. Every read model takes one, so accounts and roles can be enforced on the
/// server without touching the pages: SQL filters with <c>(@ScopeAgencyId is null or agency_id = @ScopeAgencyId)</c>.
/// </summary>
public sealed record ViewerScope(int? AgencyId)
{
    public static ViewerScope AllAgencies { get; } = new((int?)null);

    public static ViewerScope Agency(int agencyId) => new(agencyId);

    public bool SeesAll => AgencyId is null;
}
