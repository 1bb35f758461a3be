namespace PkAnalytics.Warehouse.Data.Configurations;

/// <summary>Check-constraint SQL for the text columns that hold a code from a closed list.</summary>
internal static class Checks
{
    public static string OneOf(string column, params string[] values) =>
        $"{column} in ({string.Join(", ", values.Select(v => $"'{v}'"))})";

    public static readonly string[] PositionLevels = ["bupati", "eselon_ii", "eselon_iii", "eselon_iv", "staff", "unknown"];
    public static readonly string[] BudgetLevels = ["program", "kegiatan", "sub_kegiatan"];
    public static readonly string[] Polarities = ["higher_is_better", "lower_is_better"];
    public static readonly string[] Aggregations = ["kumulatif", "nilai_akhir"];
    public static readonly string[] Categories = ["sakip", "ikm", "other"];
}
