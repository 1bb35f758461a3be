using System.Net;
using PkAnalytics.Dashboard.Infrastructure;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests;

/// <summary>The database going away while people are signed in, and coming back, without restarting the dashboard.</summary>
public sealed class DatabaseDownTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Export_WhileTheDatabaseIsDown_Answers503WithTheReason_AndWorksAgainWhenItIsBack()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(PkRoles.Pimpinan);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ekspor/perbandingan/sakip.csv")).StatusCode);

        await database.SetReachableAsync(false);
        try
        {
            var down = await client.GetAsync("/ekspor/perbandingan/sakip.csv");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal(DatabaseUnavailableAnswer.Message, await down.Content.ReadAsStringAsync());
            Assert.Equal(TimeSpan.FromSeconds(30), down.Headers.RetryAfter?.Delta);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            await database.SetReachableAsync(true);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ekspor/perbandingan/sakip.csv")).StatusCode);
    }
}
