using System.Text;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents.Tests;

/// <summary>Builds small Perjanjian Kinerja texts in the shapes the seeds show, for focused tests.</summary>
internal static class Pk
{
    public const string Preamble = "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini :";

    public static string Cover(
        string title = "PERJANJIAN KINERJA\nDINAS CONTOH\nTAHUN 2024",
        string firstName = "BUDI SANTOSO, S.E",
        string firstPosition = "KEPALA DINAS CONTOH",
        string secondName = "Drs. H. ALI AKBAR, M.Pd",
        string secondPosition = "BUPATI LUWU TIMUR",
        string date = "Malili, 4 Januari 2024") =>
        $"{title}\n\n{Preamble}\nNama\t:\t{firstName}\nJabatan\t:\t{firstPosition}\nselanjutnya disebut Pihak Pertama\n" +
        $"Nama\t:\t{secondName}\nJabatan\t:\t{secondPosition}\nselaku atasan Pihak Pertama, selanjutnya disebut Pihak Kedua\n" +
        "Pihak Pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini.\n\n" +
        $"\t\t\t{date}\n\nPihak Kedua,\t\tPihak Pertama,\n{secondPosition}\t{firstPosition}\n\n{secondName}\t{firstName}\n\n";

    /// <summary>A Lampiran 1 performance table with whole rows on tab-separated lines.</summary>
    public static string TabTable(params string[] rows) =>
        "LAMPIRAN 1 PERJANJIAN KINERJA\nTABEL KINERJA\n\nNo.\tSasaran Strategis\tIndikator Kinerja\tTarget\n(1)\t(2)\t(3)\t(4)\n" +
        string.Join("\n", rows) + "\n\n";

    public static string BudgetTable(params string[] rows) =>
        "\tProgram\tAnggaran\tKeterangan\n" + string.Join("\n", rows) + "\n\n";

    public static string Signature(string date = "Malili, 4 Januari 2024") =>
        $"\t\t\t{date}\nPihak Kedua,\t\tPihak Pertama,\n\n";

    public static ParsedDocument Parse(string text, string source = "test.txt") =>
        DocumentParser.Parse(source, Encoding.UTF8.GetBytes(text));

    public static Agreement Single(string text)
    {
        var doc = Parse(text);
        Assert.True(doc.Agreements.Count == 1, $"expected one agreement, got {doc.Agreements.Count}: {string.Join("; ", doc.Findings.Select(f => f.Message))}");
        return doc.Agreements[0];
    }

    public static int LineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(fragment, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException($"'{fragment}' is not in the text");
    }

    public static IEnumerable<Finding> Of(this Agreement a, string code) => a.Findings.Where(f => f.Code == code);
}
