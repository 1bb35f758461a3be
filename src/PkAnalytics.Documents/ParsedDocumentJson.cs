using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents;

/// <summary>Writes parsed documents as the parser output contract (docs/parser-contract.md), snake_case.</summary>
public static class ParsedDocumentJson
{
    public static string Serialize(IReadOnlyList<ParsedDocument> documents)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("documents");
            foreach (var d in documents)
            {
                WriteDocument(w, d);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDocument(Utf8JsonWriter w, ParsedDocument d)
    {
        w.WriteStartObject();
        w.WriteString("source", d.Source);
        w.WriteString("sha256", d.Sha256);
        w.WriteString("format", d.Format);
        WriteNullableString(w, "agency", d.Agency);
        w.WriteStartArray("agreements");
        foreach (var a in d.Agreements)
        {
            WriteAgreement(w, a);
        }

        w.WriteEndArray();
        WriteFindings(w, d.Findings);
        w.WriteEndObject();
    }

    private static void WriteAgreement(Utf8JsonWriter w, Agreement a)
    {
        w.WriteStartObject();
        w.WriteString("kind", a.Kind == AgreementKind.Amendment ? "amendment" : "original");
        if (a.Year is { } y)
        {
            w.WriteNumber("year", y);
        }
        else
        {
            w.WriteNull("year");
        }

        WriteNullableString(w, "place", a.Place);
        WriteNullableString(w, "date", a.Date?.ToString());
        w.WriteNumber("line", a.Line);
        WriteParty(w, "first_party", a.FirstParty);
        WriteParty(w, "second_party", a.SecondParty);
        w.WriteStartArray("indicators");
        foreach (var i in a.Indicators)
        {
            w.WriteStartObject();
            w.WriteString("objective", i.Objective);
            w.WriteString("indicator", i.Indicator);
            WriteTarget(w, i.Target);
            w.WriteNumber("line", i.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("budget");
        foreach (var b in a.Budget)
        {
            w.WriteStartObject();
            w.WriteString("level", LevelName(b.Level));
            w.WriteString("name", b.Name);
            w.WriteNumber("amount", Normalize(b.Amount));
            WriteNullableString(w, "source", b.Source);
            w.WriteNumber("line", b.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("explanation_targets");
        foreach (var e in a.ExplanationTargets)
        {
            w.WriteStartObject();
            w.WriteString("indicator", e.Indicator);
            WriteTarget(w, e.Target);
            w.WriteNumber("line", e.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteFindings(w, a.Findings);
        w.WriteEndObject();
    }

    internal static string LevelName(BudgetLevel level) => level switch
    {
        BudgetLevel.Program => "program",
        BudgetLevel.Kegiatan => "kegiatan",
        _ => "sub_kegiatan",
    };

    internal static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Info => "info",
        FindingSeverity.Warning => "warning",
        _ => "error",
    };

    private static void WriteParty(Utf8JsonWriter w, string name, Party p)
    {
        w.WriteStartObject(name);
        w.WriteString("name", p.Name);
        w.WriteString("position", p.Position);
        w.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter w, TargetValue t)
    {
        w.WriteStartObject("target");
        w.WriteString("raw", t.Raw);
        if (t.Value is { } v)
        {
            w.WriteNumber("value", Normalize(v));
        }
        else
        {
            w.WriteNull("value");
        }

        WriteNullableString(w, "unit", t.Unit);
        w.WriteEndObject();
    }

    private static void WriteFindings(Utf8JsonWriter w, IReadOnlyList<Finding> findings)
    {
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("code", f.Code);
            w.WriteString("severity", SeverityName(f.Severity));
            w.WriteString("message", f.Message);
            w.WriteNumber("line", f.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>Drops trailing zeros of the scale so 4616968611.00 is written as 4616968611.</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}
