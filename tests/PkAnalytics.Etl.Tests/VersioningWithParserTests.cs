using Dapper;
using PkAnalytics.Documents;
using PkAnalytics.Domain.Agreements;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Loading;

namespace PkAnalytics.Etl.Tests;

/// <summary>The versioning rule on the parser's real output of the Kecamatan Mangkutana amendments (seeds/002).</summary>
public sealed class VersioningWithParserTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task KecamatanAmendments_WithAnOriginalDerivedForTheCamat_AmendmentIsCurrentAndBothStayQueryable()
    {
        var path = Repo.SeedFiles.Single(f => Path.GetFileName(f).StartsWith("002_", StringComparison.Ordinal));
        var amendments = DocumentParser.ParseFile(path);
        var camat = amendments.Agreements.Single(a => Names.PositionLevel(a.FirstParty.Position) == "eselon_ii");
        Assert.Equal(AgreementKind.Amendment, camat.Kind);
        Assert.True(amendments.Agreements.Count > 1);

        // The original the Camat signed at the start of the year: the same agreement, other date, one target lower.
        var original = amendments with
        {
            Source = "derived/original.txt",
            Sha256 = new string('0', 64),
            Agreements =
            [
                camat with
                {
                    Kind = AgreementKind.Original,
                    Date = new SigningDate(2024, 1, 4),
                    Indicators = [camat.Indicators[0] with { Target = camat.Indicators[0].Target with { Value = 1m, Raw = "1" } }, .. camat.Indicators.Skip(1)],
                },
            ],
        };

        var loader = new DocumentLoader(database.DataSource);
        await loader.LoadAsync(original, new DocumentInfo(original.Source, 1, 1));
        await loader.LoadAsync(amendments, DocumentInfo.FromContent(path, await File.ReadAllBytesAsync(path)));

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var versions = (await connection.QueryAsync<(string Kind, DateOnly From, DateOnly? To, bool Current)>("""
            select v.kind, v.effective_from, v.effective_to, v.is_current
            from agreement_version v join dim_position p using (position_id)
            where p.level = 'eselon_ii' order by v.version_no
            """)).ToList();
        Assert.Equal([("original", new DateOnly(2024, 1, 4), new DateOnly(2024, 10, 1), false), ("amendment", new DateOnly(2024, 10, 1), null, true)], versions);

        // Every position of the amendments has exactly one current agreement: its amendment.
        var current = (await connection.QueryAsync<string>("select kind from agreement_current")).ToList();
        Assert.Equal(amendments.Agreements.Select(a => Names.PositionKey(a.FirstParty.Position, amendments.Agency)).Distinct().Count(), current.Count);
        Assert.All(current, k => Assert.Equal("amendment", k));
        Assert.Equal(camat.Indicators[0].Target.Value, await connection.ExecuteScalarAsync<decimal?>(
            "select t.target_value from indicator_target_current t join dim_position p using (position_id) where p.level = 'eselon_ii' and t.seq = 1"));
        Assert.Equal(1m, await connection.ExecuteScalarAsync<decimal>("""
            select t.target_value from fact_indicator_target t join agreement_version v using (agreement_id)
            where v.kind = 'original' and t.seq = 1
            """));
    }
}
