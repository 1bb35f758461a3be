using PkAnalytics.Domain.Agreements;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Documents.Tests;

/// <summary>One focused test per trap listed in issue 3 (the seeds' file:line in each comment), on small documents
/// written in the same shapes, so the behaviour does not depend on the five seeds.</summary>
public sealed class HeadingTrapTests
{
    [Fact] // 000:1360, 002:23, 004:988: a "PERJANJIAN KINERJA ..." heading before a Lampiran table
    public void RepeatedHeadingBeforeLampiranTable_DoesNotStartANewAgreement()
    {
        var text = Pk.Cover() + "PERJANJIAN KINERJA\nTINGKAT ESELON IV TAHUN 2024\n\n" +
                   Pk.TabTable("1.\tMeningkatnya mutu layanan\tIndeks Kepuasan Masyarakat\t85");

        var a = Pk.Single(text);

        Assert.Equal(1, a.Line);
        Assert.Single(a.Indicators);
    }

    [Fact] // 004:19 and 004:49: the same cover printed twice
    public void RepeatedCover_CountsAsOneAgreementAtTheFirstTitle()
    {
        var text = "\n\n" + Pk.Cover(title: "PERJANJIAN KINERJA TAHUN 2025") + Pk.Cover(title: "PERJANJIAN KINERJA TAHUN 2025") +
                   Pk.TabTable("1.\tMeningkatnya mutu layanan\tIndeks Kepuasan Masyarakat\t85");

        var doc = Pk.Parse(text);

        var a = Assert.Single(doc.Agreements);
        Assert.Equal(3, a.Line);
        Assert.Equal(2025, a.Year);
    }

    [Fact] // 001:5: a title page before the cover
    public void TitlePageBeforeCover_IsNotTheAgreementLine()
    {
        var text = "PERJANJIAN KINERJA TAHUN 2024\nSEKRETARIAT DPRD\n\n[image: logo]\n\nKAB LUWU TIMUR\n\n\n" + Pk.Cover(title: "**PERJANJIAN KINERJA\nSEKRETARIAT DPRD\nTAHUN 2024**");

        var a = Pk.Single(text);

        Assert.Equal(Pk.LineOf(text, "**PERJANJIAN KINERJA"), a.Line);
    }

    [Fact] // 004:82-140: Lampiran 1 twice, as a markdown table and as tab rows
    public void DuplicatedLampiranInMarkdownAndTabs_CountsOnce()
    {
        var text = Pk.Cover() +
                   "Program\n\nAnggaran\n\n- | | | |\n|--|-----|------------------|\n| 1. Penunjang Urusan | Rp. | 4.324.506.023,00 |\n| 2. Promosi Penanaman Modal | Rp. | 252.590.750,00 |\n\n" +
                   "LAMPIRAN 1 PERJANJIAN KINERJA\n\nProgram\n\nAnggaran\n\n1. Penunjang Urusan\tRp.\t4.324.506.023,00\n2. Promosi Penanaman Modal\tRp.\t252.590.750,00\n";

        var a = Pk.Single(text);

        Assert.Equal(2, a.Budget.Count);
        Assert.Equal(Pk.LineOf(text, "| 1. Penunjang"), a.Budget[0].Line);
    }
}

public sealed class AmountTrapTests
{
    private static Agreement Budget(params string[] rows) =>
        Pk.Single(Pk.Cover() + "\tNo\tProgram/Kegiatan/Sub Kegiatan\tAnggaran\tKeterangan\n" + string.Join("\n", rows) + "\n\n" + Pk.Signature());

    [Fact] // 000:482 "86.781950,00": the sub kegiatan below add up to 86.781.950
    public void Amount_WithGroupingTypo_PicksReadingThatSumsSupport()
    {
        var a = Budget(
            "1.\tKegiatan Administrasi Kepegawaian\tRp\t86.781950,00\tAPBD",
            "a.\tSub Kegiatan Pendataan\tRp\t14.999.950,00\tAPBD",
            "b.\tSub Kegiatan Sosialisasi\tRp\t12.550.000,00\tAPBD",
            "c.\tSub Kegiatan Bimbingan Teknis\tRp\t59.232.000,00\tAPBD");

        Assert.Equal(86_781_950m, a.Budget[0].Amount);
        var f = Assert.Single(a.Of("malformed_number"));
        Assert.Contains("86.781.950", f.Message);
        Assert.Empty(a.Of("budget_sum_mismatch"));
    }

    [Fact] // 000:825 "138.710.2800,00": with 138.710.280 the child equals its parent
    public void Amount_WithExtraDigit_PicksReadingThatTheParentSupports()
    {
        var a = Budget(
            "1.\tKegiatan Pembinaan Administrasi Desa\tRp\t138.710.280,00\tAPBD",
            "a.\tSub Kegiatan Peningkatan Kapasitas BPD\tRp\t138.710.2800,00\tAPBD");

        Assert.Equal(138_710_280m, a.Budget[1].Amount);
        Assert.Single(a.Of("malformed_number"));
        Assert.Empty(a.Of("budget_sum_mismatch"));
    }

    [Fact] // 004:377 "17.925.5200": the same line elsewhere in the document says 17.925.520
    public void Amount_WithExtraDigit_PicksReadingTheSameLineElsewhereHas()
    {
        var text = Pk.Cover() + "NO\tKEGIATAN\tAnggaran (Rp)\tKet\n1.\tAdministrasi Barang Milik Daerah\t17.925.5200\tAPBD\n2.\tAdministrasi Umum\t336.332.400\tAPBD\n\n" + Pk.Signature() +
                   Pk.Cover(firstName: "JONI, SE", firstPosition: "KASUBAG UMUM", secondName: "BUDI SANTOSO, S.E", secondPosition: "KEPALA DINAS CONTOH") +
                   "No.\tSub Kegiatan\tAnggaran\tKeterangan\n1.\tAdministrasi Barang Milik Daerah\tRp 17.925.520,-\tAPBD\n\n";

        var doc = Pk.Parse(text);

        Assert.Equal(17_925_520m, doc.Agreements[0].Budget[0].Amount);
        Assert.Single(doc.Agreements[0].Of("malformed_number"));
    }

    [Fact]
    public void Amount_MalformedWithoutSumSupport_KeepsTheDigitsAndSaysSo()
    {
        var a = Budget("1.\tProgram Penataan Desa\tRp\t42.717446,00\tAPBD");

        Assert.Equal(42_717_446m, a.Budget[0].Amount);
        Assert.Contains("tidak ada jumlah", Assert.Single(a.Of("malformed_number")).Message);
    }

    [Fact] // 002:893, 003:151: comma thousands and dot thousands in one table
    public void Amounts_CommaAndDotThousandsInOneTable_AreBothThousands()
    {
        var a = Budget(
            "1.\tProgram Penunjang\tRp.\t2,877,638,950\tAPBD",
            "2.\tProgram Pelayanan\tRp.\t3.600.000\tAPBD",
            "3.\tProgram Pencatatan\tRp\t437,531,700,-\tAPBD");

        Assert.Equal([2_877_638_950m, 3_600_000m, 437_531_700m], a.Budget.Select(b => b.Amount));
        Assert.Empty(a.Findings);
    }

    [Theory] // decorations: ",-", ".-", ",00", "Rp" glued or absent, <u> tags (004:1163)
    [InlineData("Rp 28.584.558.694,-", 28_584_558_694)]
    [InlineData("Rp 17.903.779.061.-", 17_903_779_061)]
    [InlineData("Rp 4.616.968.611,00", 4_616_968_611)]
    [InlineData("Rp.4.324.506.023,00", 4_324_506_023)]
    [InlineData("92.809.650", 92_809_650)]
    [InlineData("<u>Rp. 81.085.050,-</u>", 81_085_050)]
    [InlineData("Rp. 3.065.872.800,-", 3_065_872_800)]
    public void Amount_Decorations_AreRemoved(string cell, long expected)
    {
        var a = Budget($"1.\tProgram Contoh\t{cell}\tAPBD");

        Assert.Equal(expected, a.Budget[0].Amount);
        Assert.Equal("APBD", a.Budget[0].Source);
    }

    [Fact] // 004:601 "80.160.000.- APBD": the amount glued to its source, "Rp" in its own cell
    public void Amount_GluedToItsSource_IsSplit()
    {
        var a = Pk.Single(Pk.Cover() + "No.\tSub Kegiatan\tIndikator Sub Kegiatan\tAnggaran\tKeterangan\n15.\tPenyediaan jasa pelayanan umum kantor\tJumlah tenaga jasa\tRp\t80.160.000.- APBD\n\n");

        var line = Assert.Single(a.Budget);
        Assert.Equal(80_160_000m, line.Amount);
        Assert.Equal("APBD", line.Source);
        Assert.Equal(BudgetLevel.SubKegiatan, line.Level);
    }

    [Fact] // issue point 7: a budget without "Rp", written as running text rather than a table
    public void Budget_WrittenAsRunningText_IsRead()
    {
        var a = Pk.Single(Pk.Cover() + "Program\tAnggaran\tKeterangan\n\n1. Program Pelayanan Publik Rp 6.611.550 APBD\n2. Program Pemberdayaan Masyarakat Rp 112.041.250 APBD\n\n");

        Assert.Equal([6_611_550m, 112_041_250m], a.Budget.Select(b => b.Amount));
        Assert.All(a.Budget, b => Assert.Equal("APBD", b.Source));
    }

    [Fact] // issue point 7: a budget without "Rp", written as running text
    public void Budget_WrittenAsRunningTextWithoutRp_IsRead()
    {
        var a = Pk.Single(Pk.Cover() + "Program\tAnggaran\tKeterangan\n\n1. Program Pelayanan Publik 6.611.550,- APBD\n2. Program Pemberdayaan Masyarakat 112.041.250 APBD-P\n\n");

        Assert.Equal(["Program Pelayanan Publik", "Program Pemberdayaan Masyarakat"], a.Budget.Select(b => b.Name));
        Assert.Equal([6_611_550m, 112_041_250m], a.Budget.Select(b => b.Amount));
        Assert.Equal(["APBD", "APBD-P"], a.Budget.Select(b => b.Source));
    }
}

public sealed class SeparatorTrapTests
{
    private static TargetValue Target(string cell) =>
        Pk.Single(Pk.Cover() + Pk.TabTable($"1.\tMeningkatnya mutu layanan\tJumlah izin yang diterbitkan\t{cell}")).Indicators[0].Target;

    [Fact] // 004:1352 "7.200" is seven thousand, and the reading is not silent
    public void Target_DotWithThreeDigits_IsThousandsWithAnAmbiguousNumberFinding()
    {
        var a = Pk.Single(Pk.Cover() + Pk.TabTable("1.\tMeningkatnya mutu layanan\tJumlah izin yang diterbitkan\t7.200"));

        Assert.Equal(7200m, a.Indicators[0].Target.Value);
        var f = Assert.Single(a.Of("ambiguous_number"));
        Assert.Equal(FindingSeverity.Info, f.Severity);
    }

    [Theory] // 000:48 "0.73" is a decimal; "20,08%" Indonesian decimal; "73.35" two decimals
    [InlineData("0.73", 0.73)]
    [InlineData("20,08%", 20.08)]
    [InlineData("73.35", 73.35)]
    [InlineData("71,25", 71.25)]
    public void Target_DecimalSeparators_AreResolved(string cell, double expected)
    {
        Assert.Equal((decimal)expected, Target(cell).Value);
    }

    [Fact] // 004:83 "3.300.000.000 .000": a stray space inside the number
    public void Target_StraySpaceInsideTheNumber_ReadsTheWholeNumberWithAMalformedFinding()
    {
        var a = Pk.Single(Pk.Cover() + Pk.TabTable("1\tMeningkatnya Nilai Investasi\tNilai Investasi (PMA dan PMDN)\t3.300.000.000 .000"));

        Assert.Equal(3_300_000_000_000m, a.Indicators[0].Target.Value);
        Assert.Single(a.Of("malformed_number"));
    }

    [Theory] // 004:999 "3.3 trilliun" and 004:1093 "3,3 Triliun" are 3.300.000.000.000
    [InlineData("3.3 trilliun")]
    [InlineData("3,3 Triliun")]
    public void Target_ScaleWord_MultipliesTheValueAndIsNotTheUnit(string cell)
    {
        var t = Target(cell);

        Assert.Equal(3_300_000_000_000m, t.Value);
        Assert.Null(t.Unit);
    }

    [Theory] // issue point 7: targets seen in other regions
    [InlineData("BB", null, null)]
    [InlineData("0,9 Angka", 0.9, "Angka")]
    [InlineData("100 dari 110 Organisasi", 100.0, "Organisasi")]
    [InlineData("57.250 Boks", 57250.0, "Boks")]
    [InlineData("15 OPD/Lembaga Pengguna", 15.0, "OPD/Lembaga Pengguna")]
    [InlineData("100 %", 100.0, "%")]
    public void Target_OtherRegionsWording_HasValueAndUnit(string cell, double? value, string? unit)
    {
        var t = Target(cell);

        Assert.Equal(cell, t.Raw);
        Assert.Equal(value is null ? null : (decimal)value, t.Value);
        Assert.Equal(unit, t.Unit);
    }
}
