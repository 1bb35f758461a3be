using System.Text.Json;

namespace PkAnalytics.Domain.Agreements;

/// <summary>
/// A parsed document as JSON between processes (the bounded parse process, the worker, the upload preview): every
/// field, round-trip exact. Not the parser's published contract (docs/parser-contract.md), which is for people.
/// </summary>
public static class ParsedDocumentTransfer
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Serialize(ParsedDocument document) => JsonSerializer.Serialize(document, Options);

    public static ParsedDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<ParsedDocument>(json, Options) ?? throw new JsonException("empty parsed document");
}
