using Npgsql;
using PkAnalytics.Documents;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Loading;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>
/// The dashboard on the five seed documents, loaded by the real parser and loader (as `pk etl load seeds/`),
/// plus the deterministic sample realisation of `pk etl demo-data` so SAKIP, IKM and capaian have values.
/// </summary>
public sealed class SeededDashboard : DashboardServer
{
    protected override bool WithWorker => true;

    protected override async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        var loader = new DocumentLoader(dataSource);
        foreach (var path in Repo.SeedFiles)
        {
            var content = await File.ReadAllBytesAsync(path);
            var parsed = DocumentParser.Parse(path, content);
            await loader.LoadAsync(parsed, DocumentInfo.FromContent(path, content));
        }

        await new DemoDataWriter(dataSource).WriteAsync();
    }
}
