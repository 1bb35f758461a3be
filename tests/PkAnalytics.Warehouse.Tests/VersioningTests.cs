using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Loading;

namespace PkAnalytics.Warehouse.Tests;

public sealed class VersioningTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private sealed record Version(int AgreementId, string Kind, DateOnly EffectiveFrom, DateOnly? EffectiveTo, int? SupersededBy,
        bool IsCurrent, int VersionNo, int VersionCount);

    [Fact]
    public async Task Amendment_SupersedesTheOriginalFromItsDate_BothStayQueryable_CurrentIsTheAmendment()
    {
        var loader = new DocumentLoader(database.DataSource);
        // The amendment arrives first; the derived original is loaded after it: order of loading must not matter.
        var amendments = KecamatanMangkutana.Amendments();
        var original = KecamatanMangkutana.DerivedOriginal();
        await loader.LoadAsync(amendments, new DocumentInfo(amendments.Source, 1, 1));
        await loader.LoadAsync(original, new DocumentInfo(original.Source, 1, 1));

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var camat = await connection.ExecuteScalarAsync<int>(
            "select position_id from dim_position where normalized_title = 'camat' and level = 'eselon_ii'");
        var versions = (await connection.QueryAsync<Version>("""
            select agreement_id as AgreementId, kind as Kind, effective_from as EffectiveFrom, effective_to as EffectiveTo,
                   superseded_by as SupersededBy, is_current as IsCurrent, version_no::int as VersionNo, version_count::int as VersionCount
            from agreement_version where position_id = @camat and year = 2024 order by version_no
            """, new { camat })).ToList();

        Assert.Equal(2, versions.Count);
        Assert.Equal(("original", new DateOnly(2024, 1, 4), new DateOnly(2024, 10, 1)), (versions[0].Kind, versions[0].EffectiveFrom, versions[0].EffectiveTo!.Value));
        Assert.Equal(versions[1].AgreementId, versions[0].SupersededBy);
        Assert.False(versions[0].IsCurrent);
        Assert.Equal(("amendment", new DateOnly(2024, 10, 1), (DateOnly?)null, true), (versions[1].Kind, versions[1].EffectiveFrom, versions[1].EffectiveTo, versions[1].IsCurrent));

        var current = await connection.ExecuteScalarAsync<int>("select agreement_id from agreement_current where position_id = @camat and year = 2024", new { camat });
        Assert.Equal(versions[1].AgreementId, current);

        // Current targets are the amendment's (IKM 87,40, six programs); the original's stay queryable.
        var currentIkm = await connection.ExecuteScalarAsync<decimal>(
            "select target_value from indicator_target_current where position_id = @camat and line = 37", new { camat });
        var originalIkm = await connection.ExecuteScalarAsync<decimal>(
            "select target_value from fact_indicator_target where agreement_id = @id and line = 37", new { id = versions[0].AgreementId });
        Assert.Equal(87.40m, currentIkm);
        Assert.Equal(85.00m, originalIkm);
        Assert.Equal(6L, await connection.ExecuteScalarAsync<long>("select count(*) from budget_allocation_current where position_id = @camat", new { camat }));
        Assert.Equal(5L, await connection.ExecuteScalarAsync<long>("select count(*) from fact_budget_allocation where agreement_id = @id", new { id = versions[0].AgreementId }));

        // The other positions have only their amendment, which is current; every agreement stays in agreement_version.
        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("select count(*) from agreement_current"));
        Assert.Equal(4L, await connection.ExecuteScalarAsync<long>("select count(*) from agreement_version"));
    }
}

public sealed class InForceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task AgreementInForce_BeforeTheAmendmentsDateIsTheOriginal_FromItIsTheAmendment()
    {
        var loader = new DocumentLoader(database.DataSource);
        foreach (var document in new[] { KecamatanMangkutana.DerivedOriginal(), KecamatanMangkutana.Amendments() })
        {
            await loader.LoadAsync(document, new DocumentInfo(document.Source, 1, 1));
        }

        const string sql = """
            select a.kind from agreement_in_force(@day::date) a join dim_position p using (position_id)
            where p.normalized_title = 'camat'
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync();
        Assert.Empty(await connection.QueryAsync<string>(sql, new { day = "2024-01-03" }));
        Assert.Equal(["original"], await connection.QueryAsync<string>(sql, new { day = "2024-09-30" }));
        Assert.Equal(["amendment"], await connection.QueryAsync<string>(sql, new { day = "2024-10-01" }));
        // The other positions have only their amendment: in force from 1 October.
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("select count(*) from agreement_in_force('2024-09-30')"));
        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("select count(*) from agreement_in_force('2024-12-31')"));
    }
}

public sealed class CascadeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private sealed record Node(string Title, string NormalizedTitle, string Level, int? AgencyId, string? Superior, int Depth);

    [Fact]
    public async Task Positions_FormATreeFromTheBupatiDownThroughTheAgency()
    {
        var document = KecamatanMangkutana.Amendments();
        await new DocumentLoader(database.DataSource).LoadAsync(document, new DocumentInfo(document.Source, 1, 1));

        var nodes = await Db.QueryAsync<Node>(database.DataSource, """
            select t.title as Title, p.normalized_title as NormalizedTitle, t.level as Level, t.agency_id as AgencyId,
                   s.normalized_title as Superior, t.depth as Depth
            from position_tree t join dim_position p using (position_id)
            left join dim_position s on s.position_id = t.superior_position_id
            order by t.depth
            """);

        Assert.Equal(4, nodes.Count);
        Assert.Equal(("bupati", "bupati", (int?)null, (string?)null, 0), (nodes[0].NormalizedTitle, nodes[0].Level, nodes[0].AgencyId, nodes[0].Superior, nodes[0].Depth));
        Assert.Equal(("camat", "eselon_ii", "bupati", 1), (nodes[1].NormalizedTitle, nodes[1].Level, nodes[1].Superior, nodes[1].Depth));
        Assert.Equal(("sekretaris camat", "eselon_iii", "camat", 2), (nodes[2].NormalizedTitle, nodes[2].Level, nodes[2].Superior, nodes[2].Depth));
        Assert.Equal(("kepala sub bagian perencanaan dan kepegawaian", "eselon_iv", "sekretaris camat", 3),
            (nodes[3].NormalizedTitle, nodes[3].Level, nodes[3].Superior, nodes[3].Depth));
        Assert.All(nodes.Skip(1), n => Assert.NotNull(n.AgencyId));
    }
}

public sealed class PositionNameTests
{
    [Theory]
    [InlineData("KEPALA DINAS PEMBERDAYAAN MASYARAKAT DAN DESA", "eselon_ii")]
    [InlineData("PLt. KEPALA DINAS PM-PTSP KABUPATEN LUWU TIMUR", "eselon_ii")]
    [InlineData("Kepala Badan Pendapatan Daerah", "eselon_ii")]
    [InlineData("SEKRETARIS DPRD", "eselon_ii")]
    [InlineData("CAMAT  MANGKUTANA", "eselon_ii")]
    [InlineData("Sekretaris Dinas", "eselon_iii")]
    [InlineData("SEKRETARIS CAMAT", "eselon_iii")]
    [InlineData("Kepala Bidang Pemerintahan Desa", "eselon_iii")]
    [InlineData("KEPALA BAGIAN UMUM DAN KEUANGAN", "eselon_iii")]
    [InlineData("KASUBAG.  UMUM  DAN  KEUANGAN", "eselon_iv")]
    [InlineData("KEPALA SUB BAGIAN PERENCANAAN DAN KEPEGAWAIAN", "eselon_iv")]
    [InlineData("KASI. PEMERINTAHAN UMUM", "eselon_iv")]
    [InlineData("KEPALA SEKSI PEMERINTAHAN UMUM", "eselon_iv")]
    [InlineData("Pjs. BUPATI  LUWU  TIMUR", "bupati")]
    [InlineData("BUPATI LUWU TIMUR", "bupati")]
    [InlineData("Bendahara Pengeluaran", "staff")]
    [InlineData("Pranata Komputer", "staff")]
    public void Level_FollowsTheTitle(string title, string level) => Assert.Equal(level, Names.PositionLevel(title));

    [Theory]
    [InlineData("KASI. PEMERINTAHAN UMUM", "KEPALA SEKSI PEMERINTAHAN UMUM")]
    [InlineData("KASUBAG.  PERENCANAAN DAN KEPEGAWAIAN", "KEPALA SUB BAGIAN PERENCANAAN DAN KEPEGAWAIAN")]
    [InlineData("SEKRETARIS CAMAT MANGKUTANA", "SEKRETARIS CAMAT")]
    [InlineData("CAMAT  MANGKUTANA,", "Camat")]
    [InlineData("Pjs. BUPATI  LUWU  TIMUR", "BUPATI LUWU TIMUR")]
    [InlineData("SEKRETARIS DINAS PM-PTSP KABUPATEN LUWU TIMUR", "SEKRETARIS DINAS PENANAMAN MODAL DAN PTSP")]
    [InlineData("PLt. KEPALA DINAS PM-PTSP KABUPATEN LUWU TIMUR", "Kepala Dinas Penanaman Modal dan PTSP")]
    [InlineData("KASUBAG UMUM & KEUANGAN", "KASUBAG. UMUM DAN KEUANGAN")]
    public void Key_ConformsSpellingsOfOnePosition(string a, string b) =>
        Assert.Equal(Names.PositionKey(a, "Kecamatan Mangkutana"), Names.PositionKey(b, "Kecamatan Mangkutana"));

    [Fact]
    public void Key_KeepsDifferentPositionsApart()
    {
        Assert.NotEqual(Names.PositionKey("SEKRETARIS CAMAT", "Kecamatan Mangkutana"), Names.PositionKey("CAMAT MANGKUTANA", "Kecamatan Mangkutana"));
        Assert.NotEqual(Names.PositionKey("KASUBAG. UMUM DAN KEUANGAN", null), Names.PositionKey("KASUBAG. PERENCANAAN DAN KEPEGAWAIAN", null));
    }

    [Theory]
    [InlineData("Drs.H.BUDIMAN, M.Pd", "Drs. H. BUDIMAN, M.Pd")]
    [InlineData("ZULKIFLI  ADI  SAPUTRA, ST", "ZULKIFLI ADI SAPUTRA, ST")]
    public void OfficialKey_IgnoresSpacingAndPunctuation(string a, string b) => Assert.Equal(Names.Key(a), Names.Key(b));
}
