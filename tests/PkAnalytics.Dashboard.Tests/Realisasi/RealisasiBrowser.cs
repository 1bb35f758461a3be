using Npgsql;
using PkAnalytics.Dashboard.Tests.EndToEnd;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Dashboard.Tests.Realisasi;

/// <summary>
/// The shared dashboard harness on a database with one seeded agency: for the interactive behaviour of the
/// realisation pages. Open its pages with <see cref="DashboardServer.OpenInteractiveAsync"/>.
/// </summary>
public sealed class RealisasiBrowser : DashboardServer
{
    public SeededAgency Seed { get; private set; } = null!;

    /// <summary>An agency of its own for the settings test: its polarity change must not move another test's capaian.</summary>
    public SeededAgency SettingsSeed { get; private set; } = null!;

    protected override async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        Seed = await RealisationSeed.InsertAsync(dataSource, "browser");
        SettingsSeed = await RealisationSeed.InsertAsync(dataSource, "pengaturan");
        OperatorAgencyId = Seed.AgencyId;
    }
}
