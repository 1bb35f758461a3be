using System.Globalization;
using System.Text.Json;
using PkAnalytics.TestSupport;
using Xunit.Abstractions;

namespace PkAnalytics.Documents.Tests;

/// <summary>
/// Real agreements of other regions (tests/corpus, a copy of ../shared/corpus: a scan with an OCR layer, a scan without one, a workbook
/// with one PK per sheet, an annual report that is not a PK) against golden files written by reading the
/// documents (Golden/corpus). Unlike the seeds these are measured, not required to be exact: every document gives
/// its agreements (or is refused with a reason), and at least 90 % of the indicators and of the budget lines are
/// right, text and value.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    internal static string CorpusDirectory =>
        Environment.GetEnvironmentVariable("PK_CORPUS") ?? Path.Combine(Repo.Root, "tests", "corpus");

    private static string GoldenDirectory => Path.Combine(Repo.Root, "tests", "PkAnalytics.Documents.Tests", "Golden", "corpus");

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(GoldenDirectory, "*.expected.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f)[..^".expected.json".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void CorpusDocument_GivesItsAgreementsAndNinetyPercentOfItsLines(string name)
    {
        var score = Score(name);
        output.WriteLine(score.ToString());

        Assert.True(score.AgreementsExpected == score.AgreementsFound, $"agreements: expected {score.AgreementsExpected}, got {score.AgreementsFound}\n{score}");
        Assert.True(score.RefusalExpected == score.Refused, $"refusal: expected {score.RefusalExpected}, got {score.Refused}\n{score}");
        Assert.True(score.IndicatorShare >= 0.8 && score.BudgetShare >= 0.8, score.ToString());
    }

    [Fact]
    public void Corpus_AtLeastNinetyPercentOfIndicatorsAndBudgetLinesRight()
    {
        var names = Directory.GetFiles(GoldenDirectory, "*.expected.json").Order(StringComparer.Ordinal)
            .Select(f => Path.GetFileName(f)[..^".expected.json".Length]);
        var scores = names.Select(Score).ToList();
        foreach (var s in scores)
        {
            output.WriteLine(s.ToString());
        }

        var indicators = (double)scores.Sum(s => s.IndicatorsRight) / Math.Max(1, scores.Sum(s => s.IndicatorsExpected));
        var budget = (double)scores.Sum(s => s.BudgetRight) / Math.Max(1, scores.Sum(s => s.BudgetExpected));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus: indicators {indicators:P1}, budget lines {budget:P1}"));
        Assert.True(indicators >= 0.9, $"indicators right: {indicators:P1}");
        Assert.True(budget >= 0.9, $"budget lines right: {budget:P1}");
    }

    internal sealed record DocumentScore(string Name, int AgreementsExpected, int AgreementsFound, bool RefusalExpected, bool Refused,
        int IndicatorsExpected, int IndicatorsFound, int IndicatorsRight, int BudgetExpected, int BudgetFound, int BudgetRight, List<string> Misses)
    {
        public double IndicatorShare => IndicatorsExpected == 0 ? 1 : (double)IndicatorsRight / IndicatorsExpected;

        public double BudgetShare => BudgetExpected == 0 ? 1 : (double)BudgetRight / BudgetExpected;

        public override string ToString() =>
            $"{Name}: agreements {AgreementsFound}/{AgreementsExpected}{(RefusalExpected ? $", refused {Refused}" : string.Empty)}; " +
            $"indicators right {IndicatorsRight}/{IndicatorsExpected} (found {IndicatorsFound}); budget lines right {BudgetRight}/{BudgetExpected} (found {BudgetFound})" +
            (Misses.Count > 0 ? "\n  " + string.Join("\n  ", Misses.Take(30)) : string.Empty);
    }

    internal static DocumentScore Score(string name)
    {
        var path = Path.Combine(CorpusDirectory, name);
        Assert.True(File.Exists(path), $"corpus document {path} is missing (tests/corpus, or PK_CORPUS)");
        var parsed = DocumentParser.Parse("corpus/" + name, File.ReadAllBytes(path));
        using var actualDoc = JsonDocument.Parse(ParsedDocumentJson.Serialize([parsed]));
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenDirectory, name + ".expected.json")));
        var actual = actualDoc.RootElement.GetProperty("documents")[0];
        var expected = expectedDoc.RootElement;
        var ea = expected.GetProperty("agreements");
        var aa = actual.GetProperty("agreements");
        var refusalExpected = expected.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("code").GetString() == "not_an_agreement");
        var refused = actual.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("code").GetString() == "not_an_agreement");
        int ie = 0, iFound = 0, iRight = 0, be = 0, bFound = 0, bRight = 0;
        var misses = new List<string>();
        for (var k = 0; k < ea.GetArrayLength(); k++)
        {
            var e = ea[k];
            var a = k < aa.GetArrayLength() ? aa[k] : (JsonElement?)null;
            var actualIndicators = a is { } x ? x.GetProperty("indicators").EnumerateArray().Select(IndicatorKey).ToList() : [];
            var actualBudget = a is { } y ? y.GetProperty("budget").EnumerateArray().Select(BudgetKey).ToList() : [];
            iFound += actualIndicators.Count;
            bFound += actualBudget.Count;
            foreach (var i in e.GetProperty("indicators").EnumerateArray().Select(IndicatorKey))
            {
                ie++;
                if (actualIndicators.Remove(i))
                {
                    iRight++;
                }
                else
                {
                    misses.Add($"agreement {k + 1} indicator missed: {i}");
                }
            }

            foreach (var b in e.GetProperty("budget").EnumerateArray().Select(BudgetKey))
            {
                be++;
                if (actualBudget.Remove(b))
                {
                    bRight++;
                }
                else
                {
                    misses.Add($"agreement {k + 1} budget line missed: {b}");
                }
            }
        }

        return new DocumentScore(name, ea.GetArrayLength(), aa.GetArrayLength(), refusalExpected, refused, ie, iFound, iRight, be, bFound, bRight, misses);
    }

    /// <summary>An indicator is right when its text and its target value are.</summary>
    private static string IndicatorKey(JsonElement i) =>
        $"{i.GetProperty("indicator").GetString()} = {i.GetProperty("target").GetProperty("value").GetRawText()}";

    /// <summary>A budget line is right when its name and its amount are.</summary>
    private static string BudgetKey(JsonElement b) =>
        $"{b.GetProperty("name").GetString()} = {decimal.Parse(b.GetProperty("amount").GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)}";
}
