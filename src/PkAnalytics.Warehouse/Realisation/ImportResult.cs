namespace PkAnalytics.Warehouse.Realisation;

/// <summary>A problem in an import file, at a row (as numbered in the file, header = 1) and a column.</summary>
public sealed record ImportError(int Row, string Column, string Message)
{
    public override string ToString() => Row > 0 ? $"Baris {Row}, {Column}: {Message}" : $"{Column}: {Message}".TrimStart(':', ' ');
}

/// <summary>A budget line of the file that matched no program / kegiatan / sub kegiatan of the agency.</summary>
public sealed record UnmatchedLine(int Row, string Program, string Kegiatan, string SubKegiatan, string Reason);

/// <summary>
/// Outcome of an import. When <see cref="Errors"/> is not empty nothing was written (the whole file is refused).
/// <see cref="Changed"/> counts rows actually inserted or modified: re-importing the same file gives 0.
/// </summary>
public sealed record ImportResult(int Rows, int Changed, IReadOnlyList<ImportError> Errors, IReadOnlyList<UnmatchedLine> Unmatched)
{
    public bool Accepted => Errors.Count == 0;

    public static ImportResult Refused(IReadOnlyList<ImportError> errors) => new(0, 0, errors, []);

    public static ImportResult Refused(string message) => Refused([new ImportError(0, "", message)]);
}
