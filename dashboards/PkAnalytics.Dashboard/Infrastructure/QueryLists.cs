using System.Globalization;

namespace PkAnalytics.Dashboard.Infrastructure;

/// <summary>Lists in the query string: agency ids as "1,2,5".</summary>
public static class QueryLists
{
    public static IReadOnlyList<int> ParseIds(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .OfType<int>().Distinct().ToList();

    public static string? FormatIds(IEnumerable<int> ids)
    {
        var list = ids.Distinct().Order().ToList();
        return list.Count == 0 ? null : string.Join(',', list.Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }
}
