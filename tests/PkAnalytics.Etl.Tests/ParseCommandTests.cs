using System.Text.Json;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Etl.Tests;

/// <summary>`pk etl parse [--format json|text] PATH...` (no database needed).</summary>
public sealed class ParseCommandTests
{
    private static string Seed(string prefix) => Repo.SeedFiles.Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task Parse_OneFile_PrintsTheContractJsonOnStdoutAndLogsOnStderr()
    {
        var (code, output, error) = await CommandLineTests.Run("parse", Seed("003_"));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var doc = Assert.Single(json.RootElement.GetProperty("documents").EnumerateArray());
        Assert.Equal("txt", doc.GetProperty("format").GetString());
        Assert.Equal(64, doc.GetProperty("sha256").GetString()!.Length);
        Assert.Equal("Dinas Kependudukan dan Pencatatan Sipil", doc.GetProperty("agency").GetString());
        var agreement = Assert.Single(doc.GetProperty("agreements").EnumerateArray());
        Assert.Equal("2024-03", agreement.GetProperty("date").GetString());
        Assert.Equal(5, agreement.GetProperty("indicators").GetArrayLength());
        Assert.Contains("1 agreements", error);
    }

    [Fact]
    public async Task Parse_AFolder_ParsesEverySeedInNameOrder()
    {
        var (code, output, _) = await CommandLineTests.Run("parse", "--format", "json", Repo.Seeds);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var docs = json.RootElement.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(Repo.SeedFiles.Count, docs.Count);
        Assert.Equal(31, docs.Sum(d => d.GetProperty("agreements").GetArrayLength()));
        Assert.Equal(Repo.SeedFiles.Select(Path.GetFileName), docs.Select(d => Path.GetFileName(d.GetProperty("source").GetString())));
    }

    [Fact]
    public async Task Parse_TextFormat_SummarisesPartiesCountsAndFindings()
    {
        var (code, output, _) = await CommandLineTests.Run("parse", "--format", "text", Seed("000_"));

        Assert.Equal(0, code);
        Assert.Contains("Dinas Pemberdayaan Masyarakat dan Desa - 7 agreements", output);
        Assert.Contains("first party : HALSEN, S.IP, MM - KEPALA DINAS PEMBERDAYAAN MASYARAKAT DAN DESA", output);
        Assert.Contains("target_mismatch line 326", output);
        Assert.Contains("budget_sum_mismatch line 388", output);
    }

    [Fact]
    public async Task Parse_UnknownFormat_IsAUsageError()
    {
        var (code, _, error) = await CommandLineTests.Run("parse", "--format", "xml", Seed("003_"));

        Assert.Equal(2, code);
        Assert.Contains("unknown format 'xml'", error);
    }

    [Fact]
    public async Task Parse_WithoutPaths_IsAUsageError()
    {
        var (code, _, error) = await CommandLineTests.Run("parse");

        Assert.Equal(2, code);
        Assert.Contains("usage: pk etl parse", error);
    }

    [Fact]
    public async Task Parse_MissingFile_ExitsOneAndNamesIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "pk-missing-" + Guid.NewGuid() + ".txt");

        var (code, output, error) = await CommandLineTests.Run("parse", missing, Seed("003_"));

        Assert.Equal(1, code);
        Assert.Contains(missing, error);
        using var json = JsonDocument.Parse(output);
        Assert.Single(json.RootElement.GetProperty("documents").EnumerateArray());
    }

    [Fact]
    public async Task Parse_UnreadableFile_ReportsTheErrorFindingInTheJson()
    {
        var path = Path.Combine(Path.GetTempPath(), "pk-empty-" + Guid.NewGuid() + ".txt");
        await File.WriteAllBytesAsync(path, []);
        try
        {
            var (code, output, _) = await CommandLineTests.Run("parse", path);

            Assert.Equal(0, code);
            using var json = JsonDocument.Parse(output);
            var finding = json.RootElement.GetProperty("documents")[0].GetProperty("findings")[0];
            Assert.Equal("unreadable_document", finding.GetProperty("code").GetString());
            Assert.Equal("error", finding.GetProperty("severity").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
