using PkAnalytics.Dashboard.Exports;

namespace PkAnalytics.Dashboard.Tests.Exports;

/// <summary>The CSV / XLSX writers: the Indonesian CSV convention, formula injection, a second and a third reader.</summary>
public sealed class TableWriterTests
{
    private static readonly ExportTable Sample = new("uji", "Tabel Uji",
    [
        new("Perangkat Daerah"), new("Indikator", CellKind.Integer), new("Anggaran", CellKind.Money),
        new("Capaian (%)", CellKind.Percent), new("Nilai", CellKind.Decimal), new("Keterangan"),
    ],
    [
        ["Dinas Kependudukan dan Pencatatan Sipil", 5, 7_042_932_613m, 86.934m, -1.5m, "Sasaran; \"kutipan\", koma"],
        ["=HYPERLINK(\"http://contoh.invalid\";\"klik\")", 1, 1_500_000.5m, null, 62.04m, "+62 811 000"],
        ["-2+3", 0, 0m, 100m, 0m, "@SUM(A1:A2)"],
    ]);

    [Fact]
    public void Csv_UsesSemicolonsTheDecimalCommaAndABom_LikeTheImportTemplates()
    {
        var rows = Spreadsheets.ReadCsv(TableWriters.Csv(Sample));

        Assert.Equal(["Perangkat Daerah", "Indikator", "Anggaran", "Capaian (%)", "Nilai", "Keterangan"], rows[0]);
        Assert.Equal(["Dinas Kependudukan dan Pencatatan Sipil", "5", "7042932613", "86,93", "-1,50", "Sasaran; \"kutipan\", koma"], rows[1]);
        Assert.Equal("1500000,5", rows[2][2]);
        Assert.Equal("", rows[2][3]);
    }

    [Fact]
    public void TextThatLooksLikeAFormula_IsEscaped_InCsvAndXlsx()
    {
        var csv = Spreadsheets.ReadCsv(TableWriters.Csv(Sample));
        Assert.Equal("'=HYPERLINK(\"http://contoh.invalid\";\"klik\")", csv[2][0]);
        Assert.Equal("'+62 811 000", csv[2][5]);
        Assert.Equal("'-2+3", csv[3][0]);
        Assert.Equal("'@SUM(A1:A2)", csv[3][5]);
        Assert.Equal("-1,50", csv[1][4]); // a negative number stays a number

        // XLSX: the text stays text (quote-prefixed), read back as the same string.
        var xlsx = Spreadsheets.ReadXlsx(TableWriters.Xlsx(Sample));
        Assert.Equal("=HYPERLINK(\"http://contoh.invalid\";\"klik\")", xlsx[2][0]);
        Assert.Equal("@SUM(A1:A2)", xlsx[3][5]);
        Assert.Equal("-2+3", xlsx[3][0]);
    }

    [Fact]
    public async Task Xlsx_ReadBackByExcelDataReaderAndLibreOffice_HoldsTheSameValues()
    {
        var bytes = TableWriters.Xlsx(Sample);

        var rows = Spreadsheets.ReadXlsx(bytes);
        Assert.Equal(4, rows.Count);
        Assert.Equal("Dinas Kependudukan dan Pencatatan Sipil", rows[1][0]);
        Assert.Equal(5d, rows[1][1]);
        Assert.Equal(7_042_932_613d, rows[1][2]);
        Assert.Equal(86.93d, rows[1][3]);
        Assert.Equal(1_500_000.5d, rows[2][2]);
        Assert.Null(rows[2][3]);

        // LibreOffice opens it and shows the formula-like text as text, not as a computed value.
        var office = await Spreadsheets.ReadXlsxWithLibreOfficeAsync(bytes);
        Assert.Equal(["Perangkat Daerah", "Indikator", "Anggaran", "Capaian (%)", "Nilai", "Keterangan"], office[0]);
        Assert.Equal("Dinas Kependudukan dan Pencatatan Sipil", office[1][0]);
        Assert.Equal("=HYPERLINK(\"http://contoh.invalid\";\"klik\")", office[2][0]);
        Assert.Equal("-2+3", office[3][0]);
        Assert.Equal("@SUM(A1:A2)", office[3][5]);
    }
}
