using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace PkAnalytics.Dashboard.Tests.Exports;

/// <summary>Reads the exports back as other programs do: a CSV parser, ExcelDataReader and LibreOffice.</summary>
internal static class Spreadsheets
{
    // ExcelDataReader asks for code page 1252 as its fallback even for .xlsx; .NET has it once registered.
    static Spreadsheets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The CSV as Indonesian Excel reads it: UTF-8 with BOM, `;` between fields.</summary>
    public static List<string[]> ReadCsv(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "the CSV starts with a UTF-8 BOM");
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        using var parser = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }

    /// <summary>The first sheet through ExcelDataReader (its own zip and XML reading, not the OpenXml SDK).</summary>
    public static List<object?[]> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { FallbackEncoding = Encoding.UTF8 });
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// LibreOffice (headless) opens the XLSX and saves it as CSV (UTF-8, `;`, formulas as their results): what a
    /// LibreOffice user sees. Each conversion uses its own profile folder, so parallel tests do not collide.
    /// </summary>
    public static async Task<List<string[]>> ReadXlsxWithLibreOfficeAsync(byte[] bytes)
    {
        var folder = Directory.CreateTempSubdirectory("pk-lo-");
        try
        {
            var input = Path.Combine(folder.FullName, "tabel.xlsx");
            await File.WriteAllBytesAsync(input, bytes);
            var start = new ProcessStartInfo("soffice")
            {
                ArgumentList =
                {
                    "-env:UserInstallation=file://" + Path.Combine(folder.FullName, "profile"), "--headless", "--norestore",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", folder.FullName, input,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var output = Path.Combine(folder.FullName, "tabel.csv");
            Assert.True(File.Exists(output), $"LibreOffice did not convert the XLSX (exit {process.ExitCode}): {await stderr}");
            var text = await File.ReadAllTextAsync(output, Encoding.UTF8);
            using var parser = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
            var rows = new List<string[]>();
            while (parser.Read())
            {
                rows.Add(parser.Record!);
            }

            return rows;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A CSV number written with the decimal comma and no grouping, or null for an empty field.</summary>
    public static decimal? CsvNumber(string field)
    {
        if (field.Length == 0)
        {
            return null;
        }

        Assert.DoesNotContain(".", field);
        return decimal.Parse(field, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, new NumberFormatInfo { NumberDecimalSeparator = "," });
    }
}
