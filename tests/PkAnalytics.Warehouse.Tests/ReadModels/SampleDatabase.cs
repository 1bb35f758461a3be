using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Warehouse.Tests.ReadModels;

/// <summary>A migrated database holding <see cref="DashboardSampleData"/>, with the dashboard read model built.</summary>
public sealed class SampleDatabase : TestDatabase, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await DashboardSampleData.InsertAsync(DataSource);
        await new DashboardReadModelRefresher(DataSource).RefreshAsync();
    }
}
