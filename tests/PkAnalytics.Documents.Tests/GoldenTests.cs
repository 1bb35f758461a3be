using System.Globalization;
using System.Text.Json;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Documents.Tests;

/// <summary>The parser's output for each seed must equal the hand-written expected file (Golden/), field by field
/// as the contract defines them; findings by code, severity and line (messages and sha256 are not compared).</summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string>();
        foreach (var file in Repo.SeedFiles)
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_ParsesExactlyAsTheHandWrittenGoldenFile(string seed)
    {
        var expectedPath = Path.Combine(Repo.Root, "tests", "PkAnalytics.Documents.Tests", "Golden", seed + ".expected.json");
        Assert.True(File.Exists(expectedPath), $"no golden file for {seed}");
        var parsed = DocumentParser.Parse("seeds/" + seed, File.ReadAllBytes(Path.Combine(Repo.Seeds, seed)));
        using var actual = JsonDocument.Parse(ParsedDocumentJson.Serialize([parsed]));
        using var expected = JsonDocument.Parse(File.ReadAllText(expectedPath));

        var differences = GoldenComparer.Compare(expected.RootElement, actual.RootElement.GetProperty("documents")[0]);

        Assert.True(differences.Count == 0, $"{differences.Count} differences from {seed}.expected.json:\n" + string.Join("\n", differences.Take(40)));
    }

    [Fact]
    public void Seeds_GiveThirtyOneAgreementsInTotal()
    {
        var total = Repo.SeedFiles.Sum(f => DocumentParser.ParseFile(f).Agreements.Count);
        Assert.Equal(31, total);
    }

    [Fact]
    public void Comparer_ReportsAChangedTargetValue()
    {
        using var expected = JsonDocument.Parse("""{"source":"a.txt","format":"txt","agency":null,"findings":[],"agreements":[{"kind":"original","year":2024,"place":"Malili","date":"2024-01-04","line":1,"first_party":{"name":"A","position":"B"},"second_party":{"name":"C","position":"D"},"indicators":[{"objective":"","indicator":"X","target":{"raw":"1","value":1,"unit":null},"line":3}],"budget":[],"explanation_targets":[],"findings":[]}]}""");
        using var actual = JsonDocument.Parse("""{"source":"a.txt","format":"txt","agency":null,"findings":[],"agreements":[{"kind":"original","year":2024,"place":"Malili","date":"2024-01-04","line":1,"first_party":{"name":"A","position":"B"},"second_party":{"name":"C","position":"D"},"indicators":[{"objective":"","indicator":"X","target":{"raw":"1","value":2,"unit":null},"line":3}],"budget":[],"explanation_targets":[],"findings":[{"code":"x","severity":"info","message":"m","line":3}]}]}""");

        var differences = GoldenComparer.Compare(expected.RootElement, actual.RootElement);

        Assert.Contains(differences, d => d.Contains("target.value", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("findings", StringComparison.Ordinal));
    }

    private const string OneIndicator = """{"source":"a.txt","format":"txt","agency":null,"findings":[],"agreements":[{"kind":"original","year":2024,"place":"Malili","date":"2024-01-04","line":1,"first_party":{"name":"A","position":"B"},"second_party":{"name":"C","position":"D"},"indicators":[{"objective":"","indicator":"X","target":{"raw":"1","value":1,"unit":null},"line":3}],"budget":[],"explanation_targets":[],"findings":[]}]}""";

    [Fact]
    public void Comparer_FailsOnAKeyMissingFromTheExpectedFile_NamingItsPath()
    {
        using var expected = JsonDocument.Parse(OneIndicator.Replace(",\"unit\":null}", "}", StringComparison.Ordinal));
        using var actual = JsonDocument.Parse(OneIndicator);

        var differences = GoldenComparer.Compare(expected.RootElement, actual.RootElement);

        Assert.Contains(differences, d => d.StartsWith("agreements[0] (line 1).indicators[0].target.unit:", StringComparison.Ordinal));
    }

    [Fact]
    public void Comparer_FailsOnAnExtraKeyInTheOutput_NamingItsPath()
    {
        using var expected = JsonDocument.Parse(OneIndicator);
        using var actual = JsonDocument.Parse(OneIndicator.Replace("\"line\":3}", "\"line\":3,\"page\":2}", StringComparison.Ordinal)
            .Replace("\"agency\":null", "\"agency\":null,\"pages\":1", StringComparison.Ordinal));

        var differences = GoldenComparer.Compare(expected.RootElement, actual.RootElement);

        Assert.Contains(differences, d => d.StartsWith("agreements[0] (line 1).indicators[0].page:", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("document.pages:", StringComparison.Ordinal));
    }

    [Fact]
    public void Comparer_IgnoresOnlyTheHashAndTheFindingMessages()
    {
        using var expected = JsonDocument.Parse(OneIndicator);
        using var actual = JsonDocument.Parse(OneIndicator.Replace("\"format\"", "\"sha256\":\"ab\",\"format\"", StringComparison.Ordinal));

        Assert.Empty(GoldenComparer.Compare(expected.RootElement, actual.RootElement));
    }
}

/// <summary>Field-by-field comparison of one document in the contract JSON.</summary>
internal static class GoldenComparer
{
    public static List<string> Compare(JsonElement expected, JsonElement actual)
    {
        var diffs = new List<string>();
        Keys(diffs, "document", expected, actual, "sha256");
        foreach (var key in new[] { "source", "format", "agency" })
        {
            Scalar(diffs, key, expected, actual, key);
        }

        if (expected.TryGetProperty("findings", out var ef) && actual.TryGetProperty("findings", out var af))
        {
            Findings(diffs, "findings", ef, af);
        }

        if (!expected.TryGetProperty("agreements", out var ea) || !actual.TryGetProperty("agreements", out var aa))
        {
            return diffs;
        }

        if (ea.GetArrayLength() != aa.GetArrayLength())
        {
            diffs.Add($"agreements: expected {ea.GetArrayLength()}, got {aa.GetArrayLength()}");
        }

        for (var i = 0; i < Math.Min(ea.GetArrayLength(), aa.GetArrayLength()); i++)
        {
            var e = ea[i];
            var a = aa[i];
            var p = $"agreements[{i}] (line {(e.TryGetProperty("line", out var l) ? l.GetRawText() : "?")})";
            Keys(diffs, p, e, a);
            foreach (var key in new[] { "kind", "year", "place", "date", "line" })
            {
                Scalar(diffs, $"{p}.{key}", e, a, key);
            }

            foreach (var party in new[] { "first_party", "second_party" })
            {
                if (!e.TryGetProperty(party, out var ep) || !a.TryGetProperty(party, out var ap))
                {
                    continue;
                }

                Keys(diffs, $"{p}.{party}", ep, ap);
                Scalar(diffs, $"{p}.{party}.name", e.GetProperty(party), a.GetProperty(party), "name");
                Scalar(diffs, $"{p}.{party}.position", e.GetProperty(party), a.GetProperty(party), "position");
            }

            List(diffs, $"{p}.indicators", e, a, "indicators", (d, path, x, y) =>
            {
                Scalar(d, path + ".objective", x, y, "objective");
                Scalar(d, path + ".indicator", x, y, "indicator");
                Target(d, path, x, y);
                Scalar(d, path + ".line", x, y, "line");
            });
            List(diffs, $"{p}.budget", e, a, "budget", (d, path, x, y) =>
            {
                foreach (var key in new[] { "level", "name", "amount", "source", "line" })
                {
                    Scalar(d, $"{path}.{key}", x, y, key);
                }
            });
            List(diffs, $"{p}.explanation_targets", e, a, "explanation_targets", (d, path, x, y) =>
            {
                Scalar(d, path + ".indicator", x, y, "indicator");
                Target(d, path, x, y);
                Scalar(d, path + ".line", x, y, "line");
            });
            if (e.TryGetProperty("findings", out var eaf) && a.TryGetProperty("findings", out var aaf))
            {
                Findings(diffs, $"{p}.findings", eaf, aaf);
            }
        }

        return diffs;
    }

    private static void Target(List<string> d, string path, JsonElement x, JsonElement y)
    {
        if (!x.TryGetProperty("target", out var tx) || !y.TryGetProperty("target", out var ty))
        {
            return;
        }

        Keys(d, path + ".target", tx, ty);
        Scalar(d, path + ".target.raw", tx, ty, "raw");
        Scalar(d, path + ".target.value", tx, ty, "value");
        Scalar(d, path + ".target.unit", tx, ty, "unit");
    }

    private static void List(List<string> diffs, string path, JsonElement e, JsonElement a, string key, Action<List<string>, string, JsonElement, JsonElement> item)
    {
        if (!e.TryGetProperty(key, out var x) || !a.TryGetProperty(key, out var y))
        {
            return;
        }

        if (x.GetArrayLength() != y.GetArrayLength())
        {
            diffs.Add($"{path}: expected {x.GetArrayLength()} entries, got {y.GetArrayLength()}");
        }

        for (var i = 0; i < Math.Min(x.GetArrayLength(), y.GetArrayLength()); i++)
        {
            Keys(diffs, $"{path}[{i}]", x[i], y[i]);
            item(diffs, $"{path}[{i}]", x[i], y[i]);
        }
    }

    /// <summary>Every key of the expected object must be in the output and every key of the output in the expected
    /// file (except the <paramref name="ignored"/> ones, which are not compared): a field the golden file forgot, or
    /// one the parser added, fails with its path.</summary>
    internal static void Keys(List<string> diffs, string path, JsonElement e, JsonElement a, params string[] ignored)
    {
        if (e.ValueKind != JsonValueKind.Object || a.ValueKind != JsonValueKind.Object)
        {
            if (e.ValueKind != a.ValueKind)
            {
                diffs.Add($"{path}: expected a {e.ValueKind}, got a {a.ValueKind}");
            }

            return;
        }

        var expectedKeys = e.EnumerateObject().Select(p => p.Name).Where(k => !ignored.Contains(k)).ToHashSet(StringComparer.Ordinal);
        var actualKeys = a.EnumerateObject().Select(p => p.Name).Where(k => !ignored.Contains(k)).ToHashSet(StringComparer.Ordinal);
        foreach (var k in expectedKeys.Where(k => !actualKeys.Contains(k)).Order(StringComparer.Ordinal))
        {
            diffs.Add($"{path}.{k}: missing in the parser output");
        }

        foreach (var k in actualKeys.Where(k => !expectedKeys.Contains(k)).Order(StringComparer.Ordinal))
        {
            diffs.Add($"{path}.{k}: in the parser output but missing in the expected file");
        }
    }

    private static void Findings(List<string> diffs, string path, JsonElement e, JsonElement a)
    {
        var incomplete = false;
        foreach (var (list, where) in new[] { (e, "expected file"), (a, "parser output") })
        {
            var i = 0;
            foreach (var f in list.EnumerateArray())
            {
                foreach (var key in new[] { "code", "severity", "line" }.Where(k => !f.TryGetProperty(k, out _)))
                {
                    diffs.Add($"{path}[{i}].{key}: missing in the {where}");
                    incomplete = true;
                }

                i++;
            }
        }

        if (incomplete)
        {
            return;
        }

        static List<string> Keys(JsonElement list) => list.EnumerateArray()
            .Select(f => $"{f.GetProperty("code").GetString()}/{f.GetProperty("severity").GetString()}/line {f.GetProperty("line").GetInt32()}")
            .Order(StringComparer.Ordinal).ToList();
        var x = Keys(e);
        var y = Keys(a);
        var missing = x.ToList();
        var extra = new List<string>();
        foreach (var f in y)
        {
            if (!missing.Remove(f))
            {
                extra.Add(f);
            }
        }

        if (missing.Count > 0 || extra.Count > 0)
        {
            diffs.Add($"{path}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}]");
        }
    }

    private static void Scalar(List<string> diffs, string path, JsonElement e, JsonElement a, string key)
    {
        var hasE = e.TryGetProperty(key, out var x);
        var hasA = a.TryGetProperty(key, out var y);
        if (!hasE && !hasA)
        {
            diffs.Add($"{path}: missing in the expected file and in the parser output");
            return;
        }

        if (!hasE || !hasA)
        {
            // Reported by Keys with the key's path.
            if (!(e.ValueKind == JsonValueKind.Object && a.ValueKind == JsonValueKind.Object))
            {
                diffs.Add($"{path}: missing in the {(hasE ? "parser output" : "expected file")}");
            }

            return;
        }

        if (!SameValue(x, y))
        {
            diffs.Add($"{path}: expected {x.GetRawText()}, got {y.GetRawText()}");
        }
    }

    private static bool SameValue(JsonElement x, JsonElement y)
    {
        if (x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number)
        {
            return decimal.Parse(x.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
                == decimal.Parse(y.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (x.ValueKind != y.ValueKind)
        {
            return false;
        }

        return x.ValueKind switch
        {
            JsonValueKind.String => x.GetString() == y.GetString(),
            JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False => true,
            _ => x.GetRawText() == y.GetRawText(),
        };
    }
}
