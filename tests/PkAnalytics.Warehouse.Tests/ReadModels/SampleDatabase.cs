using PkAnalytics.TestSupport;

namespace PkAnalytics.Warehouse.Tests.ReadModels;

/// <summary>A migrated database holding <see cref="DashboardSampleData"/>.</summary>
public sealed class SampleDatabase : TestDatabase, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await DashboardSampleData.InsertAsync(DataSource);
    }
}
