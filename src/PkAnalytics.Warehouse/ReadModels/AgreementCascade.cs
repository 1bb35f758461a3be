namespace PkAnalytics.Warehouse.ReadModels;

/// <summary>A node of the cascade: one current agreement and the agreements signed with its first party.</summary>
public sealed record CascadeNode(AgreementRow Agreement, IReadOnlyList<CascadeNode> Children)
{
    public int Count => 1 + Children.Sum(c => c.Count);
}

/// <summary>
/// The cascade of an agency (who signs with whom): built from the parties of the current agreements. A node's
/// children are the agreements whose second party holds the node's position. Roots are agreements signed with
/// someone who has no agreement of their own in the set (the Bupati for the head).
/// </summary>
public static class AgreementCascade
{
    public static IReadOnlyList<CascadeNode> Build(IEnumerable<AgreementRow> agreements)
    {
        var current = agreements.Where(a => a.IsCurrent).ToList();
        var byPosition = current.Where(a => a.PositionId is not null)
            .GroupBy(a => a.PositionId!.Value)
            .ToDictionary(g => g.Key, g => g.First());
        var children = current
            .Where(a => a.SuperiorPositionId is { } s && byPosition.ContainsKey(s) && s != a.PositionId)
            .ToLookup(a => a.SuperiorPositionId!.Value);
        var roots = current.Where(a => a.SuperiorPositionId is not { } s || !byPosition.ContainsKey(s) || s == a.PositionId);

        var visited = new HashSet<int>();
        CascadeNode? Node(AgreementRow agreement)
        {
            if (!visited.Add(agreement.AgreementId))
            {
                return null; // a cycle in the data: show each agreement once
            }

            var kids = agreement.PositionId is { } p
                ? children[p].OrderBy(LevelRank).ThenBy(a => a.Position, StringComparer.Ordinal).Select(Node).OfType<CascadeNode>().ToList()
                : [];
            return new CascadeNode(agreement, kids);
        }

        var result = roots.OrderBy(LevelRank).ThenBy(a => a.Position, StringComparer.Ordinal).Select(Node).OfType<CascadeNode>().ToList();
        // Agreements only reachable through a cycle still appear, as roots.
        result.AddRange(current.Where(a => !visited.Contains(a.AgreementId)).Select(Node).OfType<CascadeNode>());
        return result;
    }

    public static int LevelRank(AgreementRow a) => LevelRank(a.Level);

    public static int LevelRank(string? level) => level switch
    {
        "bupati" => 0,
        "eselon_ii" => 1,
        "eselon_iii" => 2,
        "eselon_iv" => 3,
        "staff" => 4,
        _ => 5,
    };

    /// <summary>
    /// A position's name without the acting prefix of whoever held it ("Pjs. BUPATI LUWU TIMUR" is the position
    /// "BUPATI LUWU TIMUR"); "(pihak kedua tidak dikenal)" without a title.
    /// </summary>
    public static string PositionLabel(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return "(pihak kedua tidak dikenal)";
        }

        return System.Text.RegularExpressions.Regex.Replace(title.Trim(), @"^(?:(?:Plt|Pjs|Plh|Pj)\.?\s+)+", "",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    /// <summary>Label of a position level in Bahasa Indonesia.</summary>
    public static string LevelLabel(string? level) => level switch
    {
        "bupati" => "Bupati",
        "eselon_ii" => "Eselon II",
        "eselon_iii" => "Eselon III",
        "eselon_iv" => "Eselon IV",
        "staff" => "Staf",
        _ => "Jabatan lain",
    };
}

/// <summary>What changed from one version of a position's agreement to the next.</summary>
public sealed record AgreementChange(string What, string? Before, string? After);

/// <summary>The versions of one position's agreement in a year, oldest first, with the changes between them.</summary>
public sealed record AmendmentHistory(string Position, IReadOnlyList<AgreementRow> Versions, IReadOnlyList<IReadOnlyList<AgreementChange>> Changes)
{
    public static IReadOnlyList<AmendmentHistory> Build(
        IEnumerable<AgreementRow> agreements, IEnumerable<AgreementIndicatorRow> indicators, IEnumerable<BudgetLineRow> budget)
    {
        var targets = indicators.ToLookup(i => i.AgreementId);
        var lines = budget.ToLookup(b => b.AgreementId);
        var result = new List<AmendmentHistory>();
        foreach (var group in agreements.Where(a => a.PositionId is not null).GroupBy(a => a.PositionId!.Value))
        {
            var versions = group.OrderBy(a => a.EffectiveFrom ?? DateOnly.MinValue).ThenBy(a => a.Kind == "amendment").ThenBy(a => a.AgreementId).ToList();
            if (versions.Count < 2 && versions.All(v => v.Kind != "amendment"))
            {
                continue;
            }

            var changes = new List<IReadOnlyList<AgreementChange>>();
            for (var i = 1; i < versions.Count; i++)
            {
                changes.Add(Diff(targets[versions[i - 1].AgreementId].ToList(), targets[versions[i].AgreementId].ToList(),
                    lines[versions[i - 1].AgreementId].ToList(), lines[versions[i].AgreementId].ToList()));
            }

            result.Add(new AmendmentHistory(versions[0].Position ?? "(jabatan tidak dikenal)", versions, changes));
        }

        return result.OrderBy(h => AgreementCascade.LevelRank(h.Versions[0])).ThenBy(h => h.Position, StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<AgreementChange> Diff(
        List<AgreementIndicatorRow> beforeTargets, List<AgreementIndicatorRow> afterTargets,
        List<BudgetLineRow> beforeBudget, List<BudgetLineRow> afterBudget)
    {
        var changes = new List<AgreementChange>();
        var before = beforeTargets.GroupBy(t => t.IndicatorId).ToDictionary(g => g.Key, g => g.First());
        var after = afterTargets.GroupBy(t => t.IndicatorId).ToDictionary(g => g.Key, g => g.First());
        foreach (var (id, b) in before)
        {
            if (!after.TryGetValue(id, out var a))
            {
                changes.Add(new AgreementChange(b.Indicator, b.TargetRaw, null));
            }
            else if (a.TargetRaw != b.TargetRaw)
            {
                changes.Add(new AgreementChange(a.Indicator, b.TargetRaw, a.TargetRaw));
            }
        }

        foreach (var (id, a) in after.Where(kv => !before.ContainsKey(kv.Key)))
        {
            changes.Add(new AgreementChange(a.Indicator, null, a.TargetRaw));
        }

        var beforeLines = beforeBudget.GroupBy(l => l.ProgramId).ToDictionary(g => g.Key, g => g.First());
        var afterLines = afterBudget.GroupBy(l => l.ProgramId).ToDictionary(g => g.Key, g => g.First());
        foreach (var (id, b) in beforeLines)
        {
            if (!afterLines.TryGetValue(id, out var a))
            {
                changes.Add(new AgreementChange(b.Name, Money(b.Amount), null));
            }
            else if (a.Amount != b.Amount)
            {
                changes.Add(new AgreementChange(a.Name, Money(b.Amount), Money(a.Amount)));
            }
        }

        foreach (var (_, a) in afterLines.Where(kv => !beforeLines.ContainsKey(kv.Key)))
        {
            changes.Add(new AgreementChange(a.Name, null, Money(a.Amount)));
        }

        return changes;
    }

    private static string Money(decimal amount) => IndonesianFormat.Rupiah(amount);
}
