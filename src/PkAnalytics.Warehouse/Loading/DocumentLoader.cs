using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Warehouse.Loading;

/// <summary>Where a parsed document came from: kept on dim_document for lineage.</summary>
public sealed record DocumentInfo(string SourcePath, long SizeBytes, int LineCount)
{
    public static DocumentInfo FromContent(string sourcePath, ReadOnlySpan<byte> content)
    {
        var lines = content.Count((byte)'\n');
        if (content.Length > 0 && content[^1] != (byte)'\n')
        {
            lines++;
        }

        return new DocumentInfo(sourcePath, content.Length, lines);
    }
}

public enum LoadStatus
{
    /// <summary>The document was new and is now loaded.</summary>
    Loaded,

    /// <summary>The same content (sha256) was already loaded: nothing changed.</summary>
    Unchanged,

    /// <summary>The same content was loaded before and was replaced (load --replace, e.g. after a parser fix).</summary>
    Replaced,
}

public sealed record DocumentLoadResult(
    LoadStatus Status,
    int DocumentId,
    int Agreements,
    int IndicatorTargets,
    int BudgetLines,
    decimal BudgetTotal,
    int ExplanationTargets,
    int Findings)
{
    public int FactRows => IndicatorTargets + BudgetLines;
}

/// <summary>The open transaction of a document load, for work that must commit or fail with it (the inbox status).</summary>
public sealed record DocumentLoadContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction, DocumentLoadResult Result);

public sealed class DocumentLoadOptions
{
    public static DocumentLoadOptions Default { get; } = new();

    /// <summary>Replace a document whose content is already loaded instead of leaving it unchanged.</summary>
    public bool Replace { get; init; }

    /// <summary>
    /// False: commit without waiting for the WAL flush (synchronous_commit off for this transaction). Faster for
    /// bulk loads; a server crash can lose the last loads reported as done (never half a document), which a
    /// rerun of the same load restores.
    /// </summary>
    public bool SynchronousCommit { get; init; } = true;

    /// <summary>Runs inside the document's transaction just before it commits (also for an unchanged document).</summary>
    public Func<DocumentLoadContext, CancellationToken, Task>? BeforeCommit { get; init; }
}

/// <summary>A document that cannot be loaded as parsed (unreadable, no agency); the message says why.</summary>
public sealed class DocumentRejectedException(string message) : Exception(message);

/// <summary>
/// Loads one parsed document into the star schema in one transaction: dimensions conformed by normalised keys
/// (upserts), the document, its agreement versions, Lampiran 2 restatements and findings, then the two fact
/// tables by binary COPY. Idempotent by content hash: a transaction-scoped advisory lock on the sha256 makes
/// concurrent loads of the same content wait for each other, and the second sees the first's row and does
/// nothing. A failure anywhere rolls the whole document back (dimension rows it created included).
/// </summary>
public sealed class DocumentLoader(NpgsqlDataSource dataSource)
{
    // First key of the two-key advisory lock taken per document content ("PKLD").
    private const int LoadLockSpace = 0x504B_4C44;
    private const int MaxAttempts = 4;

    private readonly DimensionCache cache = new();

    /// <summary>Test hook: called at named stages inside the transaction with the backend's process id.</summary>
    internal Func<string, int, Task>? StageHook { get; set; }

    public async Task<DocumentLoadResult> LoadAsync(ParsedDocument document, DocumentInfo info,
        DocumentLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= DocumentLoadOptions.Default;
        Validate(document);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LoadOnceAsync(document, info, options, cancellationToken);
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected
                                                  or PostgresErrorCodes.SerializationFailure)
            {
                await Task.Delay(Random.Shared.Next(10, 50 * attempt), cancellationToken);
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                // A cached dimension id that no longer exists (someone deleted dimension rows): forget and retry.
                cache.Clear();
            }
        }
    }

    private const string QuarantineSql = """
        delete from etl_quarantine where source_path = @SourcePath and sha256 is not distinct from @Sha256;
        insert into etl_quarantine (source_path, sha256, error) values (@SourcePath, @Sha256, @Error);
        """;

    /// <summary>Records a document that failed to load, replacing earlier records of the same file and content.</summary>
    public async Task QuarantineAsync(string sourcePath, string? sha256, string error, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(QuarantineSql,
            new { SourcePath = sourcePath, Sha256 = sha256, Error = error }, cancellationToken: cancellationToken));
    }

    private static void Validate(ParsedDocument document)
    {
        var unreadable = document.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (unreadable.Count > 0)
        {
            throw new DocumentRejectedException(string.Join("; ", unreadable.Select(f =>
                f.Line > 0 ? $"line {f.Line}: {f.Code}: {f.Message}" : $"{f.Code}: {f.Message}")));
        }

        if (string.IsNullOrWhiteSpace(document.Sha256))
        {
            throw new DocumentRejectedException("the parser gave no sha256 of the content");
        }

        if (document.Agreements.Count > 0 && string.IsNullOrWhiteSpace(document.Agency))
        {
            throw new DocumentRejectedException(
                $"the parser found {document.Agreements.Count} agreement(s) but not the agency the document belongs to");
        }
    }

    private async Task<DocumentLoadResult> LoadOnceAsync(ParsedDocument document, DocumentInfo info,
        DocumentLoadOptions options, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var dims = new DimensionScope(cache);
        var agreements = document.Agreements;

        // Dimensions first (round trips only for rows this process has not seen committed yet).
        int? agencyId = null;
        if (!string.IsNullOrWhiteSpace(document.Agency))
        {
            var agencyKey = Names.Key(document.Agency);
            if (!dims.TryGet(DimensionCache.AgencyKey(agencyKey), out var known))
            {
                await using var command = new NpgsqlCommand(Sql.UpsertAgency, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = document.Agency });
                command.Parameters.Add(new NpgsqlParameter { Value = agencyKey });
                // Null when a concurrent load inserted the agency after this statement's snapshot: run it again.
                object? id = null;
                for (var round = 1; round <= 3 && id is null; round++)
                {
                    id = await command.ExecuteScalarAsync(ct);
                }

                known = id as int? ?? throw new InvalidOperationException($"could not resolve the agency '{document.Agency}'");
                dims.Add(DimensionCache.AgencyKey(agencyKey), known);
            }

            agencyId = known;
        }

        var plan = new DimensionPlan(document, agencyId);
        await ResolveDimensionsAsync(connection, transaction, plan, dims, ct);

        // One round trip: lock the content, then insert the document with its agreements, restatements, findings
        // and cascade links in one statement that does nothing when the content is already loaded.
        var (documentId, agreementIds, existingId, replacedId) =
            await InsertDocumentAsync(connection, transaction, document, info, plan, dims, agencyId, options, ct);
        if (documentId is null)
        {
            var unchanged = new DocumentLoadResult(LoadStatus.Unchanged, existingId ?? 0, 0, 0, 0, 0, 0, 0);
            if (options.BeforeCommit is { } hook)
            {
                await hook(new DocumentLoadContext(connection, transaction, unchanged), ct);
            }

            await transaction.CommitAsync(ct);
            return unchanged;
        }

        var result = new DocumentLoadResult(
            replacedId is null ? LoadStatus.Loaded : LoadStatus.Replaced,
            documentId.Value,
            agreements.Count,
            agreements.Sum(a => a.Indicators.Count),
            agreements.Sum(a => a.Budget.Count),
            BudgetTotal(agreements),
            agreements.Sum(a => a.ExplanationTargets.Count),
            document.Findings.Count + agreements.Sum(a => a.Findings.Count));
        await Stage("rows-inserted", connection);

        if (result.IndicatorTargets > 0)
        {
            await using var writer = await connection.BeginBinaryImportAsync(FactCopy.CopyIndicatorTargets(), ct);
            for (var a = 0; a < agreements.Count; a++)
            {
                var indicators = agreements[a].Indicators;
                for (var i = 0; i < indicators.Count; i++)
                {
                    var indicatorId = dims.Get(DimensionCache.IndicatorKey(agencyId!.Value, Names.Key(indicators[i].Indicator)));
                    await FactCopy.WriteIndicatorTargetAsync(writer, agreementIds[a], i + 1, indicatorId, indicators[i], documentId.Value, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }

        await Stage("targets-copied", connection);

        if (result.BudgetLines > 0)
        {
            await using var writer = await connection.BeginBinaryImportAsync(FactCopy.CopyBudgetAllocations(), ct);
            for (var a = 0; a < agreements.Count; a++)
            {
                var budget = agreements[a].Budget;
                var programIds = plan.ProgramIds(a, dims);
                for (var i = 0; i < budget.Count; i++)
                {
                    await FactCopy.WriteBudgetAllocationAsync(writer, agreementIds[a], i + 1, programIds[i], budget[i], documentId.Value, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }

        await Stage("budget-copied", connection);
        if (options.BeforeCommit is { } beforeCommit)
        {
            await beforeCommit(new DocumentLoadContext(connection, transaction, result), ct);
        }

        await transaction.CommitAsync(ct);
        dims.Commit();
        return result;
    }

    private async Task Stage(string name, NpgsqlConnection connection)
    {
        if (StageHook is { } hook)
        {
            await hook(name, connection.ProcessID);
        }
    }

    private static async Task ResolveDimensionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        DimensionPlan plan, DimensionScope dims, CancellationToken ct)
    {
        // One round trip per round for the misses only. Officials, positions, indicators and programs do not
        // depend on each other; a kegiatan needs its program's id and a sub kegiatan its kegiatan's, so they wait
        // for the next round. A row another transaction committed while this one waited on it is not visible to
        // the statement that conflicted with it: the next round's statement sees it.
        for (var round = 1; ; round++)
        {
            var officials = plan.Officials.Where(o => !dims.TryGet(DimensionCache.OfficialKey(o.Key), out _)).ToList();
            var positions = plan.Positions.Where(p => !dims.TryGet(DimensionCache.PositionKey(p.AgencyId, p.Key), out _)).ToList();
            var indicators = plan.Indicators.Where(i => !dims.TryGet(DimensionCache.IndicatorKey(i.AgencyId, i.Key), out _)).ToList();
            var programs = plan.MissingPrograms(dims);
            if (officials.Count + positions.Count + indicators.Count + programs.Count == 0)
            {
                return;
            }

            if (round > 8)
            {
                throw new InvalidOperationException(
                    $"could not resolve dimension rows after {round - 1} rounds ({officials.Count} officials, " +
                    $"{positions.Count} positions, {indicators.Count} indicators, {programs.Count} programs)");
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            if (officials.Count > 0)
            {
                batch.Add(Sql.UpsertOfficials, officials.Select(o => o.Name).ToArray(), officials.Select(o => o.Key).ToArray());
            }

            if (positions.Count > 0)
            {
                batch.Add(Sql.UpsertPositions, positions.Select(p => p.AgencyId).ToArray(),
                    positions.Select(p => p.Title).ToArray(), positions.Select(p => p.Key).ToArray(),
                    positions.Select(p => p.Level).ToArray());
            }

            if (indicators.Count > 0)
            {
                batch.Add(Sql.UpsertIndicators, indicators[0].AgencyId, indicators.Select(i => i.Name).ToArray(),
                    indicators.Select(i => i.Key).ToArray(), indicators.Select(i => i.Unit).ToArray(),
                    indicators.Select(i => i.Class.Category).ToArray(), indicators.Select(i => i.Class.Polarity).ToArray(),
                    indicators.Select(i => i.Class.Aggregation).ToArray());
            }

            if (programs.Count > 0)
            {
                batch.Add(Sql.UpsertPrograms, programs.Select(p => p.Level).ToArray(), programs.Select(p => p.Name).ToArray(),
                    programs.Select(p => p.Key).ToArray(), programs.Select(p => p.ParentId).ToArray());
            }

            await using var reader = await batch.ExecuteReaderAsync(ct);
            var more = true;
            if (officials.Count > 0)
            {
                while (await reader.ReadAsync(ct))
                {
                    dims.Add(DimensionCache.OfficialKey(reader.GetString(1)), reader.GetInt32(0));
                }

                more = await reader.NextResultAsync(ct);
            }

            if (positions.Count > 0 && more)
            {
                while (await reader.ReadAsync(ct))
                {
                    dims.Add(DimensionCache.PositionKey(reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2)), reader.GetInt32(0));
                }

                more = await reader.NextResultAsync(ct);
            }

            if (indicators.Count > 0 && more)
            {
                while (await reader.ReadAsync(ct))
                {
                    dims.Add(DimensionCache.IndicatorKey(reader.GetInt32(1), reader.GetString(2)), reader.GetInt32(0));
                }

                more = await reader.NextResultAsync(ct);
            }

            if (programs.Count > 0 && more)
            {
                while (await reader.ReadAsync(ct))
                {
                    dims.Add(DimensionCache.ProgramKey(reader.GetString(1), reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetString(2)),
                        reader.GetInt32(0));
                }
            }
        }
    }

    /// <summary>A party's name or position as written, null when the cover leaves it empty.</summary>
    private static string? Written(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<(int? DocumentId, int[] AgreementIds, int? ExistingId, int? ReplacedId)> InsertDocumentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ParsedDocument document, DocumentInfo info,
        DimensionPlan plan, DimensionScope dims, int? agencyId, DocumentLoadOptions options, CancellationToken ct)
    {
        var agreements = document.Agreements;
        var positionIds = new int?[agreements.Count];
        var officialIds = new int?[agreements.Count];
        var superiorPositionIds = new int?[agreements.Count];
        var superiorOfficialIds = new int?[agreements.Count];
        var links = new Dictionary<int, int>();
        for (var a = 0; a < agreements.Count; a++)
        {
            positionIds[a] = plan.PositionId(agreements[a].FirstParty, dims);
            superiorPositionIds[a] = plan.PositionId(agreements[a].SecondParty, dims);
            officialIds[a] = plan.OfficialId(agreements[a].FirstParty, dims);
            superiorOfficialIds[a] = plan.OfficialId(agreements[a].SecondParty, dims);
            if (positionIds[a] is { } p && superiorPositionIds[a] is { } s && p != s)
            {
                // The cascade: the first party's superior is the second party's position (the latest agreement wins).
                links[p] = s;
            }
        }

        var explanations = agreements.SelectMany((a, i) => a.ExplanationTargets.Select((e, j) => (Agreement: i + 1, Seq: j + 1, e))).ToList();
        var findings = document.Findings.Select(f => (Agreement: (int?)null, f))
            .Concat(agreements.SelectMany((a, i) => a.Findings.Select(f => (Agreement: (int?)(i + 1), f)))).ToList();

        var replace = options.Replace;
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.Add(options.SynchronousCommit ? Sql.LockContent : Sql.LockContentAsynchronousCommit, LoadLockSpace, document.Sha256);
        if (replace)
        {
            batch.Add(Sql.DeleteDocument, document.Sha256);
        }

        batch.Add(Sql.InsertDocument,
            Path.GetFileName(info.SourcePath), info.SourcePath, document.Sha256, document.Format, agencyId,
            info.SizeBytes, info.LineCount, agreements.Count, findings.Count,
            // agreements ($10-$21)
            Enumerable.Range(1, agreements.Count).ToArray(),
            agreements.Select(a => a.Kind == AgreementKind.Amendment ? "amendment" : "original").ToArray(),
            agreements.Select(a => a.Year).ToArray(), agreements.Select(a => a.Place).ToArray(),
            agreements.Select(a => a.Date?.ToString()).ToArray(),
            agreements.Select(a => a.Date is { } d ? d.EffectiveFrom : (DateOnly?)null).ToArray(),
            positionIds, officialIds, superiorPositionIds, superiorOfficialIds,
            agreements.Select(a => a.Line).ToArray(),
            // explanation targets ($21-$27)
            explanations.Select(e => e.Agreement).ToArray(), explanations.Select(e => e.Seq).ToArray(),
            explanations.Select(e => e.e.Indicator).ToArray(), explanations.Select(e => e.e.Target.Raw).ToArray(),
            explanations.Select(e => e.e.Target.Value).ToArray(), explanations.Select(e => e.e.Target.Unit).ToArray(),
            explanations.Select(e => e.e.Line).ToArray(),
            // findings ($28-$32)
            findings.Select(f => f.Agreement).ToArray(), findings.Select(f => f.f.Code).ToArray(),
            findings.Select(f => f.f.Severity.ToString().ToLowerInvariant()).ToArray(),
            findings.Select(f => f.f.Message).ToArray(), findings.Select(f => f.f.Line).ToArray(),
            // cascade links ($33-$34)
            links.Keys.ToArray(), links.Values.ToArray(),
            // the parties as the agreement writes them ($35-$38)
            agreements.Select(a => Written(a.FirstParty.Name)).ToArray(), agreements.Select(a => Written(a.FirstParty.Position)).ToArray(),
            agreements.Select(a => Written(a.SecondParty.Name)).ToArray(), agreements.Select(a => Written(a.SecondParty.Position)).ToArray());

        await using var reader = await batch.ExecuteReaderAsync(ct);
        int? replacedId = null;
        if (replace)
        {
            await reader.NextResultAsync(ct);
            replacedId = await reader.ReadAsync(ct) ? reader.GetInt32(0) : null;
        }

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var documentId = reader.IsDBNull(0) ? (int?)null : reader.GetInt32(0);
        var agreementIds = reader.GetFieldValue<int[]>(1);
        var existingId = reader.IsDBNull(2) ? (int?)null : reader.GetInt32(2);
        if (documentId is not null && agreementIds.Length != agreements.Count)
        {
            throw new InvalidOperationException($"inserted {agreementIds.Length} of {agreements.Count} agreements");
        }

        return (documentId, agreementIds, existingId, replacedId);
    }

    /// <summary>
    /// A document's budget: that of the agreements of its highest positions (the head's), since the agreements
    /// below restate parts of it.
    /// </summary>
    public static decimal BudgetTotal(IReadOnlyList<Agreement> agreements)
    {
        if (agreements.Count == 0)
        {
            return 0;
        }

        static int Rank(Agreement a) => Names.PositionLevel(a.FirstParty.Position) switch
        {
            "eselon_ii" => 1,
            "eselon_iii" => 2,
            "eselon_iv" => 3,
            _ => 4,
        };

        var top = agreements.Min(Rank);
        return agreements.Where(a => Rank(a) == top).Sum(a => TopLevelTotal(a.Budget));
    }

    /// <summary>
    /// An agreement's budget: the sum of its top-level lines (programs; kegiatan when it lists no program, ...),
    /// since the levels below restate their parent. The stats SQL uses the same rule.
    /// </summary>
    public static decimal TopLevelTotal(IReadOnlyList<BudgetLine> budget)
    {
        if (budget.Count == 0)
        {
            return 0;
        }

        var top = budget.Min(b => b.Level);
        return budget.Where(b => b.Level == top).Sum(b => b.Amount);
    }

    /// <summary>The SQL of a load, next to the code that fills it; $n parameters in the order given.</summary>
    private static class Sql
    {
        public const string LockContent = "select pg_advisory_xact_lock($1, hashtext($2))";

        public const string LockContentAsynchronousCommit =
            "select pg_advisory_xact_lock($1, hashtext($2)), set_config('synchronous_commit', 'off', true)";

        public const string UpsertAgency = """
            with ins as (
                insert into dim_agency (name, normalized_name) values ($1, $2)
                on conflict (normalized_name) do nothing
                returning agency_id)
            select agency_id from ins
            union all
            select agency_id from dim_agency where normalized_name = $2
            limit 1
            """;

        public const string UpsertOfficials = """
            with input as (select * from unnest($1::text[], $2::text[]) as i(name, key)),
            ins as (
                insert into dim_official (name, normalized_name)
                select name, key from input order by key
                on conflict (normalized_name) do nothing
                returning official_id, normalized_name)
            select official_id, normalized_name from ins
            union all
            select o.official_id, o.normalized_name from dim_official o join input i on i.key = o.normalized_name
            """;

        public const string UpsertPositions = """
            with input as (select * from unnest($1::int[], $2::text[], $3::text[], $4::text[]) as i(agency_id, title, key, level)),
            ins as (
                insert into dim_position (agency_id, title, normalized_title, level)
                select agency_id, title, key, level from input order by agency_id nulls first, key
                on conflict (agency_id, normalized_title) do nothing
                returning position_id, agency_id, normalized_title)
            select position_id, agency_id, normalized_title from ins
            union all
            select p.position_id, p.agency_id, p.normalized_title
            from dim_position p join input i on i.key = p.normalized_title and p.agency_id is not distinct from i.agency_id
            """;

        // Overrides (agency-specific before regency-wide) win over the rules, attribute by attribute.
        public const string UpsertIndicators = """
            with input as (
                select * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                    as i(name, key, unit, category, polarity, aggregation)),
            ins as (
                insert into dim_indicator (agency_id, name, normalized_name, unit, category, polarity, aggregation, classification_source)
                select $1, i.name, i.key, i.unit,
                       coalesce(o.category, i.category), coalesce(o.polarity, i.polarity), coalesce(o.aggregation, i.aggregation),
                       case when o.override_id is null then 'rule' else 'override' end
                from input i
                left join lateral (
                    select * from indicator_classification_override o
                    where o.normalized_name = i.key and (o.agency_id = $1 or o.agency_id is null)
                    order by o.agency_id nulls last limit 1) o on true
                order by i.key
                on conflict (agency_id, normalized_name) do nothing
                returning indicator_id, agency_id, normalized_name)
            select indicator_id, agency_id, normalized_name from ins
            union all
            select d.indicator_id, d.agency_id, d.normalized_name
            from dim_indicator d join input i on i.key = d.normalized_name and d.agency_id = $1
            """;

        public const string UpsertPrograms = """
            with input as (select * from unnest($1::text[], $2::text[], $3::text[], $4::int[]) as i(level, name, key, parent_id)),
            ins as (
                insert into dim_program (level, name, normalized_name, parent_program_id)
                select level, name, key, parent_id from input order by level, parent_id nulls first, key
                on conflict (level, normalized_name, parent_program_id) do nothing
                returning program_id, level, normalized_name, parent_program_id)
            select program_id, level, normalized_name, parent_program_id from ins
            union all
            select p.program_id, p.level, p.normalized_name, p.parent_program_id
            from dim_program p
            join input i on i.level = p.level and i.key = p.normalized_name and p.parent_program_id is not distinct from i.parent_id
            """;

        public const string DeleteDocument = "delete from dim_document where sha256 = $1 returning document_id";

        // Everything of the document but the facts, in one statement. The document row is only inserted when its
        // content is not loaded yet (the advisory lock taken by the previous statement makes that check safe);
        // every other part hangs off the inserted row, so a duplicate inserts nothing at all.
        public const string InsertDocument = """
            with doc as (
                insert into dim_document (file_name, source_path, sha256, format, agency_id, size_bytes, line_count,
                                          agreement_count, parser_finding_count)
                values ($1, $2, $3, $4, $5::int, $6, $7, $8, $9)
                on conflict (sha256) do nothing
                returning document_id),
            ag as (
                insert into agreement (document_id, seq, agency_id, kind, year, place, signed_on_text, effective_from,
                                       position_id, official_id, superior_position_id, superior_official_id, line,
                                       first_party_name, first_party_title, second_party_name, second_party_title)
                select doc.document_id, i.seq, $5::int, i.kind, i.year, i.place, i.signed_on, i.effective_from,
                       i.position_id, i.official_id, i.superior_position_id, i.superior_official_id, i.line,
                       i.first_name, i.first_title, i.second_name, i.second_title
                from doc
                cross join unnest($10::int[], $11::text[], $12::int[], $13::text[], $14::text[], $15::date[],
                                  $16::int[], $17::int[], $18::int[], $19::int[], $20::int[],
                                  $35::text[], $36::text[], $37::text[], $38::text[])
                    as i(seq, kind, year, place, signed_on, effective_from, position_id, official_id,
                         superior_position_id, superior_official_id, line,
                         first_name, first_title, second_name, second_title)
                returning agreement_id, seq),
            ex as (
                insert into explanation_target (agreement_id, seq, indicator_text, target_raw, target_value, target_unit, line)
                select ag.agreement_id, e.seq, e.text, e.raw, e.value, e.unit, e.line
                from unnest($21::int[], $22::int[], $23::text[], $24::text[], $25::numeric[], $26::text[], $27::int[])
                    as e(agreement_seq, seq, text, raw, value, unit, line)
                join ag on ag.seq = e.agreement_seq),
            fi as (
                insert into finding (document_id, agreement_id, code, severity, message, line)
                select doc.document_id, ag.agreement_id, f.code, f.severity, f.message, f.line
                from doc
                cross join unnest($28::int[], $29::text[], $30::text[], $31::text[], $32::int[])
                    as f(agreement_seq, code, severity, message, line)
                left join ag on ag.seq = f.agreement_seq),
            lk as (
                update dim_position p set superior_position_id = l.superior
                from unnest($33::int[], $34::int[]) as l(position_id, superior)
                where p.position_id = l.position_id and p.superior_position_id is distinct from l.superior
                  and exists (select 1 from doc)),
            qc as (
                delete from etl_quarantine where sha256 = $3 and exists (select 1 from doc))
            select (select document_id from doc) as document_id,
                   coalesce((select array_agg(agreement_id order by seq) from ag), '{}'::int[]) as agreement_ids,
                   (select document_id from dim_document where sha256 = $3) as existing_id
            """;
    }
}

/// <summary>Dimension ids known to be committed, shared by every load of this loader (process-wide).</summary>
internal sealed class DimensionCache
{
    private readonly ConcurrentDictionary<string, int> ids = new(StringComparer.Ordinal);

    public static string AgencyKey(string key) => "a|" + key;

    public static string OfficialKey(string key) => "o|" + key;

    public static string PositionKey(int? agencyId, string key) => $"p|{agencyId}|{key}";

    public static string IndicatorKey(int agencyId, string key) => $"i|{agencyId}|{key}";

    public static string ProgramKey(string level, int? parentId, string key) => $"g|{level}|{parentId}|{key}";

    public bool TryGet(string key, out int id) => ids.TryGetValue(key, out id);

    public void AddRange(IEnumerable<KeyValuePair<string, int>> committed)
    {
        foreach (var (key, id) in committed)
        {
            ids[key] = id;
        }
    }

    public void Clear() => ids.Clear();
}

/// <summary>The ids one load resolved; they join the shared cache only when the load commits.</summary>
internal sealed class DimensionScope(DimensionCache cache)
{
    private readonly Dictionary<string, int> pending = new(StringComparer.Ordinal);

    public bool TryGet(string key, out int id) => pending.TryGetValue(key, out id) || cache.TryGet(key, out id);

    public int Get(string key) => TryGet(key, out var id)
        ? id
        : throw new InvalidOperationException($"dimension row {key} was not resolved");

    public void Add(string key, int id) => pending[key] = id;

    public void Commit() => cache.AddRange(pending);
}

internal sealed record OfficialRow(string Name, string Key);

internal sealed record PositionRow(int? AgencyId, string Title, string Key, string Level);

internal sealed record IndicatorRow(int AgencyId, string Name, string Key, string? Unit, IndicatorClass Class);

internal sealed record ProgramRow(string Level, string Name, string Key, int? ParentId);

/// <summary>The dimension rows a document needs, derived from its agreements.</summary>
internal sealed class DimensionPlan
{
    private readonly ParsedDocument document;
    private readonly int? agencyId;

    public DimensionPlan(ParsedDocument document, int? agencyId)
    {
        this.document = document;
        this.agencyId = agencyId;
        var officials = new Dictionary<string, OfficialRow>(StringComparer.Ordinal);
        var positions = new Dictionary<(int?, string), PositionRow>();
        var indicators = new Dictionary<string, IndicatorRow>(StringComparer.Ordinal);
        foreach (var agreement in document.Agreements)
        {
            foreach (var party in new[] { agreement.FirstParty, agreement.SecondParty })
            {
                var officialKey = Names.Key(party.Name);
                if (officialKey.Length > 0)
                {
                    officials.TryAdd(officialKey, new OfficialRow(party.Name, officialKey));
                }

                if (PositionOf(party) is { } position)
                {
                    positions.TryAdd((position.AgencyId, position.Key), position);
                }
            }

            foreach (var indicator in agreement.Indicators)
            {
                var key = Names.Key(indicator.Indicator);
                if (indicators.TryGetValue(key, out var seen))
                {
                    if (seen.Unit is null && indicator.Target.Unit is not null)
                    {
                        indicators[key] = seen with { Unit = indicator.Target.Unit };
                    }

                    continue;
                }

                indicators[key] = new IndicatorRow(agencyId!.Value, indicator.Indicator, key, indicator.Target.Unit,
                    IndicatorRules.Classify(key, indicator.Target.Unit));
            }
        }

        Officials = officials.Values.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        Positions = positions.Values.OrderBy(p => p.AgencyId ?? 0).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        Indicators = indicators.Values.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<OfficialRow> Officials { get; }

    public IReadOnlyList<PositionRow> Positions { get; }

    public IReadOnlyList<IndicatorRow> Indicators { get; }

    public int? PositionId(Party party, DimensionScope dims) =>
        PositionOf(party) is { } p && dims.TryGet(DimensionCache.PositionKey(p.AgencyId, p.Key), out var id) ? id : null;

    public int? OfficialId(Party party, DimensionScope dims)
    {
        var key = Names.Key(party.Name);
        return key.Length > 0 && dims.TryGet(DimensionCache.OfficialKey(key), out var id) ? id : null;
    }

    /// <summary>Program rows whose id is not known yet and whose parent is (a parent comes first).</summary>
    public List<ProgramRow> MissingPrograms(DimensionScope dims)
    {
        var missing = new Dictionary<string, ProgramRow>(StringComparer.Ordinal);
        for (var a = 0; a < document.Agreements.Count; a++)
        {
            foreach (var row in ProgramRows(a, dims))
            {
                if (!dims.TryGet(DimensionCache.ProgramKey(row.Level, row.ParentId, row.Key), out _))
                {
                    missing.TryAdd(DimensionCache.ProgramKey(row.Level, row.ParentId, row.Key), row);
                }
            }
        }

        return missing.Values.ToList();
    }

    /// <summary>The program id of every budget line of agreement <paramref name="a"/>, in order.</summary>
    public int[] ProgramIds(int a, DimensionScope dims) =>
        ProgramRows(a, dims).Select(r => dims.Get(DimensionCache.ProgramKey(r.Level, r.ParentId, r.Key))).ToArray();

    // A line's parent is the nearest earlier line of the level above (ParsedDocument's BudgetLine contract).
    // Rows below a parent that is not resolved yet are skipped: they are resolved in a later round.
    private IEnumerable<ProgramRow> ProgramRows(int a, DimensionScope dims)
    {
        int? program = null, kegiatan = null;
        var programKnown = true;
        var kegiatanKnown = true;
        foreach (var line in document.Agreements[a].Budget)
        {
            var level = Names.LevelName(line.Level);
            var key = ProgramKey(line);
            switch (line.Level)
            {
                case BudgetLevel.Program:
                {
                    var row = new ProgramRow(level, line.Name, key, null);
                    yield return row;
                    programKnown = dims.TryGet(DimensionCache.ProgramKey(level, null, key), out var id);
                    program = programKnown ? id : null;
                    kegiatan = null;
                    kegiatanKnown = true;
                    break;
                }

                case BudgetLevel.Kegiatan:
                {
                    if (!programKnown)
                    {
                        kegiatanKnown = false;
                        break;
                    }

                    yield return new ProgramRow(level, line.Name, key, program);
                    kegiatanKnown = dims.TryGet(DimensionCache.ProgramKey(level, program, key), out var id);
                    kegiatan = kegiatanKnown ? id : null;
                    break;
                }

                default:
                {
                    if (!kegiatanKnown)
                    {
                        break;
                    }

                    yield return new ProgramRow(level, line.Name, key, kegiatan);
                    break;
                }
            }
        }
    }

    private readonly Dictionary<BudgetLine, string> programKeys = new(ReferenceEqualityComparer.Instance);

    private string ProgramKey(BudgetLine line)
    {
        if (!programKeys.TryGetValue(line, out var key))
        {
            key = Names.ProgramKey(line.Name, line.Level);
            programKeys[line] = key;
        }

        return key;
    }

    private readonly Dictionary<string, PositionRow?> positionsByTitle = new(StringComparer.Ordinal);

    private PositionRow? PositionOf(Party party)
    {
        if (positionsByTitle.TryGetValue(party.Position, out var known))
        {
            return known;
        }

        PositionRow? row = null;
        if (Names.Key(party.Position).Length > 0)
        {
            var level = Names.PositionLevel(party.Position);
            var key = Names.PositionKey(party.Position, document.Agency);
            row = new PositionRow(level == "bupati" ? null : agencyId, party.Position, key, level);
        }

        positionsByTitle[party.Position] = row;
        return row;
    }
}

internal static class NpgsqlBatchExtensions
{
    /// <summary>Adds a statement with positional parameters ($1, $2, ...); null values are sent as typed nulls.</summary>
    public static void Add(this NpgsqlBatch batch, string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value } : new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }
}
