using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.ReadModels;
using PkAnalytics.Warehouse.Realisation;

namespace PkAnalytics.Warehouse.Tests.Realisation;

/// <summary>Files shaped like Excel writes them: shared strings, numeric cells, gaps between cells.</summary>
public sealed class ExcelLikeFileTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    /// <summary>Writes rows; a cell is a string (shared string), a double (number cell) or null (absent).</summary>
    private static byte[] Excel(params object?[][] rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            sheetPart.Worksheet = new Worksheet(data);
            var index = new Dictionary<string, int>();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = TabularData.Letter(c) + (r + 1);
                    switch (rows[r][c])
                    {
                        case string s:
                            if (!index.TryGetValue(s, out var i))
                            {
                                i = index[s] = index.Count;
                                strings.SharedStringTable.Append(new SharedStringItem(new Text(s)));
                            }

                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case double d:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                    }
                }

                data.Append(row);
            }

            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" });
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task BudgetXlsx_SharedStringsAndNumberCells_ImportsExactAmounts()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "excel");
        var file = Excel(
            ["program", "kegiatan", "sub_kegiatan", "tahun", "bulan", "realisasi"],
            [null, null, "Penyediaan Gaji dan Tunjangan ASN excel", 2024d, 1d, 205000000.5d],
            [null, null, "Penyediaan Gaji dan Tunjangan ASN excel", 2024d, "Februari", 1234d]);
        var store = new BudgetRealisationStore(database.DataSource);
        var result = await store.ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, new MemoryStream(file), "anggaran.xlsx");
        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        Assert.Equal(2, result.Changed);
        var sub = (await store.SummaryAsync(ViewerScope.AllAgencies, seed.AgencyId, 2024)).Single(s => s.ProgramId == seed.SubKegiatanId);
        Assert.Equal(205_001_234.5m, sub.Realised); // 1234 in a number cell is one thousand two hundred thirty four, not ambiguous
    }

    [Fact]
    public async Task IndicatorXlsx_BadNumberCellText_NamesSpreadsheetRowAndColumn()
    {
        var seed = await RealisationSeed.InsertAsync(database.DataSource, "excelbad");
        var file = Excel(
            ["Realisasi Triwulan I"],
            [],
            ["indikator_id", "tahun", "triwulan", "realisasi"],
            [(double)seed.PercentIndicatorId, 2024d, 1d, 12.5d],
            [(double)seed.DocumentsIndicatorId, 2024d, 1d, "tiga"]);
        var result = await new IndicatorRealisationStore(database.DataSource).ImportAsync(ViewerScope.AllAgencies with { Actor = "op" }, seed.AgencyId, new MemoryStream(file), "r.xlsx");
        Assert.Equal("Baris 5, kolom D (realisasi): 'tiga' bukan angka (contoh: 1.234.567,50 atau 20,08).", Assert.Single(result.Errors).ToString());
    }
}
