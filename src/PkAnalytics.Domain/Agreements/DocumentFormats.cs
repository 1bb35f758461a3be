namespace PkAnalytics.Domain.Agreements;

/// <summary>The document formats PkAnalytics reads (the parser, the loader and the upload page agree on them).</summary>
public static class DocumentFormats
{
    public static IReadOnlyList<string> Extensions { get; } = [".txt", ".docx", ".xlsx", ".pdf"];
}
