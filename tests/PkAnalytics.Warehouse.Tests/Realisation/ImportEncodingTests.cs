using System.Text;
using Dapper;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Warehouse.Tests.Realisation;

/// <summary>CSV imports as offices save them: UTF-8, UTF-16 (Excel's "Unicode text"), Windows-1252 (Excel's "CSV").</summary>
public sealed class ImportEncodingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Note = "Penghambat – cuaca ekstrem, “prioritas” ≠ 100%";

    private static string Csv(SeededAgency seed, string note) => $"""
        indikator;tahun;triwulan;realisasi;catatan
        Persentase desa mandiri;2024;1;12,5;{note.Replace("≠", "<>", StringComparison.Ordinal)}
        """;

    private async Task<string?> StoredNoteAsync(SeededAgency seed)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<string?>("select note from fact_indicator_realisation where indicator_id = @id and quarter = 1", new { id = seed.PercentIndicatorId });
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    [InlineData("windows-1252")]
    public async Task Import_InTheEncodingsOfficesSave_StoresTheSameText(string encoding)
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "enc-" + encoding);
        var text = Csv(seed, Note);
        var bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            _ => Windows1252(text),
        };

        var result = await new IndicatorRealisationStore(database.DataSource).ImportAsync(ViewerScope.System, seed.AgencyId, new MemoryStream(bytes), "r.csv");

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        Assert.Equal(Note.Replace("≠", "<>", StringComparison.Ordinal), await StoredNoteAsync(seed));
    }

    [Fact]
    public async Task Import_WithBytesNoEncodingGives_IsRefusedNamingTheRow_AndStoresNothing()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "enc-rusak");
        var bytes = Windows1252(Csv(seed, "catatan"));
        var broken = bytes.ToList();
        broken.InsertRange(broken.Count - 3, [0x81, 0x8D]); // undefined in Windows-1252, invalid in UTF-8

        var result = await new IndicatorRealisationStore(database.DataSource).ImportAsync(ViewerScope.System, seed.AgencyId, new MemoryStream([.. broken]), "r.csv");

        Assert.False(result.Accepted);
        Assert.Contains("Baris 2: berisi karakter yang tidak dikenal dalam Windows-1252", Assert.Single(result.Errors).Message);
        Assert.Null(await StoredNoteAsync(seed));
    }

    // Excel's ANSI code page on Indonesian Windows, written by hand so the test needs no code-page provider.
    private static byte[] Windows1252(string text) => text.Select(c => c switch
    {
        '–' => (byte)0x96,
        '“' => (byte)0x93,
        '”' => (byte)0x94,
        _ when c < 0x100 => (byte)c,
        _ => throw new ArgumentException($"'{c}' is not in Windows-1252"),
    }).ToArray();
}
