using Dapper;
using Npgsql;
using PkAnalytics.Domain.Agreements;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Loading;

namespace PkAnalytics.Warehouse.Tests;

public sealed class DocumentLoaderTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static DocumentInfo Info(ParsedDocument document) => new(document.Source, 60_346, 1974);

    [Fact]
    public async Task Load_NewDocument_WritesEveryRowWithItsSourceDocumentAndLine()
    {
        var document = KecamatanMangkutana.Amendments(KecamatanMangkutana.Sha("lineage"));
        var result = await new DocumentLoader(database.DataSource).LoadAsync(document, Info(document));

        Assert.Equal(LoadStatus.Loaded, result.Status);
        Assert.Equal(3, result.Agreements);
        Assert.Equal(12, result.IndicatorTargets);
        Assert.Equal(18, result.BudgetLines);
        // The head's agreement holds the agency's budget; the others restate parts of it.
        Assert.Equal(KecamatanMangkutana.CamatBudget, result.BudgetTotal);

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var doc = await connection.QuerySingleAsync<(string FileName, string SourcePath, string Sha, long Size, int Lines, int Agreements)>(
            "select file_name, source_path, sha256, size_bytes, line_count, agreement_count from dim_document where document_id = @id",
            new { id = result.DocumentId });
        Assert.Equal(("002_132149d095a947b3.txt", KecamatanMangkutana.Source, document.Sha256, 60_346L, 1974, 3), doc);

        // Every fact row points to this document and to the line the parser gave.
        var targetLines = (await connection.QueryAsync<int>(
            "select f.line from fact_indicator_target f join agreement a using (agreement_id) " +
            "where f.document_id = @id order by a.seq, f.seq", new { id = result.DocumentId })).ToList();
        Assert.Equal(document.Agreements.SelectMany(a => a.Indicators).Select(i => i.Line), targetLines);
        var budget = (await connection.QueryAsync<(int Line, decimal Amount, string Level, string Source)>(
            "select f.line, f.amount, f.level, f.funding_source from fact_budget_allocation f join agreement a using (agreement_id) " +
            "where f.document_id = @id order by a.seq, f.seq", new { id = result.DocumentId })).ToList();
        Assert.Equal(document.Agreements.SelectMany(a => a.Budget).Select(b => (b.Line, b.Amount, Names.LevelName(b.Level), b.Source!)), budget);

        var ikm = await connection.QuerySingleAsync<(string Raw, decimal Value, string Unit, string Objective)>(
            "select target_raw, target_value, target_unit, objective from fact_indicator_target where document_id = @id and line = 37",
            new { id = result.DocumentId });
        Assert.Equal(("87,40", 87.40m, "Nilai", KecamatanMangkutana.Camat().Indicators[0].Objective), ikm);

        var agreements = (await connection.QueryAsync<(int Seq, string Kind, int Year, string Place, string Signed, DateOnly From, int Line)>(
            "select seq, kind, year, place, signed_on_text, effective_from, line from agreement where document_id = @id order by seq",
            new { id = result.DocumentId })).ToList();
        Assert.Equal([(1, "amendment", 2024, "Mangkutana", "2024-10-01", new DateOnly(2024, 10, 1), 1),
                      (2, "amendment", 2024, "Mangkutana", "2024-10-01", new DateOnly(2024, 10, 1), 218),
                      (3, "amendment", 2024, "Mangkutana", "2024-10-01", new DateOnly(2024, 10, 1), 459)], agreements);

        var explanation = await connection.QuerySingleAsync<(string Text, string Raw, int Line)>(
            "select e.indicator_text, e.target_raw, e.line from explanation_target e join agreement a using (agreement_id) where a.document_id = @id",
            new { id = result.DocumentId });
        Assert.Equal(("Indeks Kepuasan Masyarakat (IKM)", "87,40", 165), explanation);
    }

    [Fact]
    public async Task Load_Findings_AreStoredPerDocumentAndPerAgreementWithTheirAgency()
    {
        var document = KecamatanMangkutana.Amendments(KecamatanMangkutana.Sha("findings"));
        var result = await new DocumentLoader(database.DataSource).LoadAsync(document, Info(document));

        var findings = await Db.QueryAsync<(string Code, string Severity, int Line, int? AgreementSeq, string Agency, string File)>(
            database.DataSource,
            "select f.code, f.severity, f.line, a.seq, ag.name, f.file_name from finding_detail f " +
            "left join agreement a using (agreement_id) join dim_agency ag on ag.agency_id = f.agency_id " +
            "where f.document_id = @id order by f.agreement_id nulls first",
            new { id = result.DocumentId });
        Assert.Equal([("ambiguous_number", "info", 0, null, "Kecamatan Mangkutana", "002_132149d095a947b3.txt"),
                      ("target_mismatch", "warning", 165, 1, "Kecamatan Mangkutana", "002_132149d095a947b3.txt")], findings);
        Assert.Equal(2, result.Findings);
    }

    [Fact]
    public async Task Load_SameContentAgain_ChangesNothing()
    {
        var document = KecamatanMangkutana.Amendments(KecamatanMangkutana.Sha("reload"));
        var loader = new DocumentLoader(database.DataSource);
        var first = await loader.LoadAsync(document, Info(document));
        var before = await Db.CountsAsync(database.DataSource);
        var content = await FactSnapshot.TakeAsync(database.DataSource);

        // Also through a fresh loader (a new process: no dimension cache) and under another path.
        var again = await loader.LoadAsync(document, Info(document));
        var elsewhere = await new DocumentLoader(database.DataSource).LoadAsync(
            document with { Source = "/somewhere/else/copy.txt" }, new DocumentInfo("/somewhere/else/copy.txt", 1, 1));
        var after = await Db.CountsAsync(database.DataSource);

        Assert.Equal(LoadStatus.Loaded, first.Status);
        Assert.Equal(LoadStatus.Unchanged, again.Status);
        Assert.Equal(LoadStatus.Unchanged, elsewhere.Status);
        Assert.Equal(first.DocumentId, again.DocumentId);
        Assert.Equal(first.DocumentId, elsewhere.DocumentId);
        Assert.Equal(before, after);
        Assert.Equal(content, await FactSnapshot.TakeAsync(database.DataSource));
    }

    [Fact]
    public async Task Load_Replace_SwapsTheDocumentsRowsForTheNewParse()
    {
        var sha = KecamatanMangkutana.Sha("replace");
        var document = KecamatanMangkutana.Amendments(sha);
        var loader = new DocumentLoader(database.DataSource);
        var first = await loader.LoadAsync(document, Info(document));

        var improved = document with { Agreements = document.Agreements.Take(2).ToList() };
        var replaced = await loader.LoadAsync(improved, Info(improved), new DocumentLoadOptions { Replace = true });

        // Exactly what the new parse says, row by row (the third agreement's rows gone), on the new document row.
        var content = await FactSnapshot.TakeAsync(database.DataSource);
        Assert.NotEmpty(content);
        Assert.DoesNotContain(content, row => row.StartsWith($"agreement|{sha}|3|", StringComparison.Ordinal));
        Assert.Equal(
            improved.Agreements.Sum(a => a.Indicators.Count),
            content.Count(row => row.StartsWith($"target|{sha}|", StringComparison.Ordinal)));
        Assert.Equal(0, await FactSnapshot.RowsNotOnTheirDocumentAsync(database.DataSource));

        Assert.Equal(LoadStatus.Replaced, replaced.Status);
        Assert.NotEqual(first.DocumentId, replaced.DocumentId);
        Assert.Equal(1L, await Db.ScalarAsync<long>(database.DataSource, "select count(*) from dim_document where sha256 = @sha", new { sha }));
        Assert.Equal(2L, await Db.ScalarAsync<long>(database.DataSource,
            "select count(*) from agreement a join dim_document d using (document_id) where d.sha256 = @sha", new { sha }));
        Assert.Equal(0L, await Db.ScalarAsync<long>(database.DataSource,
            "select count(*) from fact_indicator_target where document_id = @id", new { id = first.DocumentId }));
    }

    [Fact]
    public async Task Load_DocumentWithAgreementsButNoAgency_IsRejectedWithAClearMessage()
    {
        var document = KecamatanMangkutana.Amendments(KecamatanMangkutana.Sha("no agency")) with { Agency = null };
        var before = await Db.CountsAsync(database.DataSource);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            new DocumentLoader(database.DataSource).LoadAsync(document, Info(document)));

        Assert.Contains("3 agreement(s) but not the agency", error.Message);
        Assert.Equal(before, await Db.CountsAsync(database.DataSource));
    }

    [Fact]
    public async Task Load_UnreadableDocument_IsRejectedWithTheParsersError()
    {
        var document = new ParsedDocument("broken.pdf", KecamatanMangkutana.Sha("broken"), "pdf", null, [],
            [new Finding("unreadable_document", FindingSeverity.Error, "bukan berkas PDF", 0)]);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            new DocumentLoader(database.DataSource).LoadAsync(document, new DocumentInfo("broken.pdf", 3, 0)));

        Assert.Equal("unreadable_document: bukan berkas PDF", error.Message);
    }

    [Fact]
    public async Task Quarantine_SameFileAgain_KeepsOneRecordAndALaterLoadClearsIt()
    {
        var loader = new DocumentLoader(database.DataSource);
        var document = KecamatanMangkutana.Amendments(KecamatanMangkutana.Sha("quarantine"));
        await loader.QuarantineAsync("q.txt", document.Sha256, "first error");
        await loader.QuarantineAsync("q.txt", document.Sha256, "second error");

        var errors = await Db.QueryAsync<string>(database.DataSource, "select error from etl_quarantine where sha256 = @sha", new { sha = document.Sha256 });
        Assert.Equal(["second error"], errors);

        await loader.LoadAsync(document, Info(document));
        Assert.Equal(0L, await Db.ScalarAsync<long>(database.DataSource, "select count(*) from etl_quarantine where sha256 = @sha", new { sha = document.Sha256 }));
    }
}

public sealed class KilledConnectionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("rows-inserted")]
    [InlineData("targets-copied")]
    [InlineData("budget-copied")]
    public async Task Load_ConnectionKilledMidDocument_LeavesNothingOfThatDocument(string stage)
    {
        var before = await Db.CountsAsync(database.DataSource);
        var document = KecamatanMangkutana.Amendments(KecamatanMangkutana.Sha("killed " + stage)) with { Agency = "Kecamatan " + stage };
        var killed = false;
        var loader = new DocumentLoader(database.DataSource)
        {
            StageHook = async (name, pid) =>
            {
                if (name != stage || killed)
                {
                    return;
                }

                killed = true;
                // Another connection ends this load's backend, as an operator or a crash would.
                await using var other = await database.DataSource.OpenConnectionAsync();
                Assert.True(await other.ExecuteScalarAsync<bool>("select pg_terminate_backend(@pid)", new { pid }));
            },
        };

        await Assert.ThrowsAnyAsync<NpgsqlException>(() =>
            loader.LoadAsync(document, new DocumentInfo(document.Source, 1, 1)));

        Assert.True(killed);
        Assert.Equal(before, await Db.CountsAsync(database.DataSource));

        // The same loader (its dimension cache) loads the document completely afterwards.
        var result = await loader.LoadAsync(document, new DocumentInfo(document.Source, 1, 1));
        Assert.Equal(LoadStatus.Loaded, result.Status);
        Assert.Equal(12L, await Db.ScalarAsync<long>(database.DataSource,
            "select count(*) from fact_indicator_target where document_id = @id", new { id = result.DocumentId }));
    }
}

public sealed class ConcurrentLoadTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task TwoLoadersOnTheSameDocuments_LoadEachDocumentOnceAndShareDimensions()
    {
        // Twelve documents of four agencies sharing programs, officials and the Bupati.
        var documents = Enumerable.Range(0, 12).Select(i => KecamatanMangkutana.Amendments(KecamatanMangkutana.Sha("concurrent " + i))
            with { Agency = $"Kecamatan Nomor {i % 4}", Source = $"c{i}.txt" }).ToList();

        async Task<List<LoadStatus>> Run(DocumentLoader loader)
        {
            var statuses = new List<LoadStatus>();
            foreach (var d in documents)
            {
                statuses.Add((await loader.LoadAsync(d, new DocumentInfo(d.Source, 1, 1))).Status);
            }

            return statuses;
        }

        var results = await Task.WhenAll(Run(new DocumentLoader(database.DataSource)), Run(new DocumentLoader(database.DataSource)));

        Assert.Equal(12, results.SelectMany(r => r).Count(s => s == LoadStatus.Loaded));
        Assert.Equal(12, results.SelectMany(r => r).Count(s => s == LoadStatus.Unchanged));
        var counts = await Db.CountsAsync(database.DataSource);
        Assert.Equal(12, counts["dim_document"]);
        Assert.Equal(36, counts["agreement"]);
        Assert.Equal(12 * 12, counts["fact_indicator_target"]);
        Assert.Equal(4, counts["dim_agency"]);
        Assert.Equal(4 * 12, counts["dim_indicator"]);
        Assert.Equal(4, counts["dim_official"]);
        // Programs are conformed across agencies: 6 programs (the Sekretaris' is the Camat's first), 8 kegiatan, 3 sub kegiatan.
        Assert.Equal(17, counts["dim_program"]);
    }
}
