using Dapper;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Warehouse.Tests;

/// <summary>
/// The edges of the agreement-version rules (views agreement_version and agreement_current, function
/// agreement_in_force). Versions of one position and year are ordered by effective date, a version without a date
/// first; on the same date an original comes before an amendment (the amendment is current); then by load order.
/// An agreement without a position is a chain of its own.
/// </summary>
public sealed class VersioningEdgeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private sealed record Row(int AgreementId, string Kind, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, int? SupersededBy, bool IsCurrent, int VersionNo, int VersionCount);

    /// <summary>Inserts agreements (kind, effective date) for one new position of a new agency, in the given order.</summary>
    private async Task<(int PositionId, int[] Ids)> InsertAsync(string name, bool withPosition, params (string Kind, string? From)[] versions)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        var agency = await c.ExecuteScalarAsync<int>("insert into dim_agency (name, normalized_name) values (@name, lower(@name)) returning agency_id", new { name });
        var position = withPosition
            ? await c.ExecuteScalarAsync<int>("insert into dim_position (agency_id, title, normalized_title, level) values (@agency, 'Kepala', 'kepala', 'eselon_ii') returning position_id", new { agency })
            : 0;
        var ids = new List<int>();
        for (var i = 0; i < versions.Length; i++)
        {
            var document = await c.ExecuteScalarAsync<int>(
                "insert into dim_document (file_name, source_path, sha256, format, agency_id) values ('v.txt', 'v.txt', @sha, 'txt', @agency) returning document_id",
                new { sha = $"{name}-{i}", agency });
            ids.Add(await c.ExecuteScalarAsync<int>("""
                insert into agreement (document_id, seq, agency_id, kind, year, effective_from, position_id, line)
                values (@document, 1, @agency, @kind, 2024, @from::date, @position, 1) returning agreement_id
                """, new { document, agency, kind = versions[i].Kind, from = versions[i].From, position = withPosition ? position : (int?)null }));
        }

        return (position, [.. ids]);
    }

    private async Task<List<Row>> VersionsAsync(int[] ids)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return (await c.QueryAsync<Row>("""
            select agreement_id as AgreementId, kind as Kind, effective_from as EffectiveFrom, effective_to as EffectiveTo,
                   superseded_by as SupersededBy, is_current as IsCurrent, version_no::int as VersionNo, version_count::int as VersionCount
            from agreement_version where agreement_id = any(@ids) order by version_no, agreement_id
            """, new { ids })).ToList();
    }

    private async Task<int?> InForceAsync(int positionId, string day)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<int?>("select agreement_id from agreement_in_force(@day::date) where position_id = @positionId", new { day, positionId });
    }

    [Fact]
    public async Task ThreeVersionsInOneYear_ChainByDate_TheLastIsCurrent_EachInForceInItsSpan()
    {
        // Loaded out of order: the second amendment first.
        var (position, ids) = await InsertAsync("Tiga Versi", true, ("amendment", "2024-10-01"), ("original", "2024-01-04"), ("amendment", "2024-06-01"));
        var versions = await VersionsAsync(ids);

        Assert.Equal([ids[1], ids[2], ids[0]], versions.Select(v => v.AgreementId));
        Assert.Equal([1, 2, 3], versions.Select(v => v.VersionNo));
        Assert.All(versions, v => Assert.Equal(3, v.VersionCount));
        Assert.Equal([new DateOnly(2024, 6, 1), new DateOnly(2024, 10, 1), (DateOnly?)null], versions.Select(v => v.EffectiveTo));
        Assert.Equal([ids[2], ids[0], (int?)null], versions.Select(v => v.SupersededBy));
        Assert.Equal([false, false, true], versions.Select(v => v.IsCurrent));

        Assert.Null(await InForceAsync(position, "2024-01-03"));
        Assert.Equal(ids[1], await InForceAsync(position, "2024-05-31"));
        Assert.Equal(ids[2], await InForceAsync(position, "2024-06-01"));
        Assert.Equal(ids[0], await InForceAsync(position, "2024-12-31"));
    }

    [Fact]
    public async Task OriginalAndAmendmentOnTheSameDate_TheAmendmentIsCurrent_WhicheverWasLoadedFirst()
    {
        foreach (var (name, order) in new[] { ("Sama Tanggal A", new[] { ("original", "2024-03-01"), ("amendment", "2024-03-01") }),
                                              ("Sama Tanggal B", new[] { ("amendment", "2024-03-01"), ("original", "2024-03-01") }) })
        {
            var (position, ids) = await InsertAsync(name, true, order.Select(o => (o.Item1, (string?)o.Item2)).ToArray());
            var versions = await VersionsAsync(ids);

            Assert.Equal(["original", "amendment"], versions.Select(v => v.Kind));
            Assert.Equal([false, true], versions.Select(v => v.IsCurrent));
            Assert.Equal(new DateOnly(2024, 3, 1), versions[0].EffectiveTo);
            Assert.Equal(versions[1].AgreementId, await InForceAsync(position, "2024-03-01"));
        }
    }

    [Fact]
    public async Task VersionWithoutEffectiveDate_CountsAsTheEarliest_InForceUntilTheDatedOne()
    {
        var (position, ids) = await InsertAsync("Tanpa Tanggal", true, ("amendment", "2024-08-01"), ("original", null));
        var versions = await VersionsAsync(ids);

        Assert.Equal([ids[1], ids[0]], versions.Select(v => v.AgreementId));
        Assert.Null(versions[0].EffectiveFrom);
        Assert.Equal(new DateOnly(2024, 8, 1), versions[0].EffectiveTo);
        Assert.Equal([false, true], versions.Select(v => v.IsCurrent));
        Assert.Equal(ids[1], await InForceAsync(position, "2024-01-01"));
        Assert.Equal(ids[0], await InForceAsync(position, "2024-08-01"));

        // Alone, an undated version is current and in force on any day of the year.
        var (alonePosition, alone) = await InsertAsync("Tanpa Tanggal Sendiri", true, ("original", null));
        Assert.True((await VersionsAsync(alone)).Single().IsCurrent);
        Assert.Equal(alone[0], await InForceAsync(alonePosition, "2024-02-02"));
    }

    [Fact]
    public async Task AgreementsWithoutPosition_AreEachTheirOwnVersion_AllCurrent()
    {
        var (_, ids) = await InsertAsync("Tanpa Jabatan", false, ("original", "2024-01-02"), ("amendment", "2024-05-02"));
        var versions = await VersionsAsync(ids);

        Assert.Equal(2, versions.Count);
        Assert.All(versions, v => Assert.Equal((1, 1, true, (int?)null), (v.VersionNo, v.VersionCount, v.IsCurrent, v.SupersededBy)));
        await using var c = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("select count(*) from agreement_current where agreement_id = any(@ids)", new { ids }));
    }
}
