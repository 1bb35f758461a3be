using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>
/// The one place pages and endpoints get the viewer's scope from. Until accounts and roles exist every viewer sees
/// all agencies; the accounts issue replaces this with the signed-in user's scope, and no page changes.
/// </summary>
public sealed class ViewerScopeAccessor
{
    public ViewerScope Current => ViewerScope.AllAgencies;
}
