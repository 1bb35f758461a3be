using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents.Tests;

/// <summary>Issue 13: covers, cover-less Lampiran, tables that are not targets, budgets and indicators in the
/// layouts real agreements of other regions use (text level; the format readers have their own tests).</summary>
public sealed class CoverVariantTests
{
    private const string Table =
        "LAMPIRAN I\nNo\tSasaran\tIndikator Kinerja\tTarget\n1\tMeningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\t82,5\n\n";

    [Fact]
    public void NamaAndJabatanWithoutColons_PihakKesatu_SelakuAtasanLangsung()
    {
        var text = "PERJANJIAN KINERJA TAHUN 2025\n\n" + Pk.Preamble + "\n" +
                   "Nama      DEWI LESTARI, S.E\nJabatan   KEPALA BADAN PENDAPATAN DAERAH\nselanjutnya disebut PIHAK KESATU\n" +
                   "Nama      Ir. H. MUHAMMAD YASIN\nJabatan   BUPATI KOLAKA\nselaku atasan langsung PIHAK KESATU, selanjutnya disebut PIHAK KEDUA\n\n" +
                   "Kolaka, 3 Januari 2025\n\n" + Table;

        var a = Pk.Single(text);

        Assert.Equal(new Party("DEWI LESTARI, S.E", "KEPALA BADAN PENDAPATAN DAERAH"), a.FirstParty);
        Assert.Equal(new Party("Ir. H. MUHAMMAD YASIN", "BUPATI KOLAKA"), a.SecondParty);
        Assert.Equal(("Kolaka", "2025-01-03"), (a.Place, a.Date?.ToString()));
    }

    [Fact]
    public void JabatanWrappingOntoASecondLine_IsOnePosition()
    {
        var text = "PERJANJIAN KINERJA TAHUN 2025\n\n" + Pk.Preamble + "\n" +
                   "Nama\t: DEWI LESTARI, S.E\nJabatan\t: KEPALA DINAS PEMBERDAYAAN MASYARAKAT\n\t  DAN DESA\nselanjutnya disebut Pihak Pertama\n" +
                   "Nama\t: Ir. H. MUHAMMAD YASIN\nJabatan\t: BUPATI KOLAKA\nselaku atasan Pihak Pertama, selanjutnya disebut Pihak Kedua\n\n" +
                   "Kolaka, 3 Januari 2025\n\n" + Table;

        var a = Pk.Single(text);

        Assert.Equal("KEPALA DINAS PEMBERDAYAAN MASYARAKAT DAN DESA", a.FirstParty.Position);
        Assert.Equal("BUPATI KOLAKA", a.SecondParty.Position);
    }

    [Theory]
    [InlineData("Malili,            Januari 2025", "Malili", "2025-01")]
    [InlineData("Malili, ........ Januari 2025", "Malili", "2025-01")]
    [InlineData("PIHAK KEDUA\tMalili, 4 Januari 2025", "Malili", "2025-01-04")]
    [InlineData("Pihak Pertama, Malili, 4 Januari 2025", "Malili", "2025-01-04")]
    public void SigningPlaceAndDate_InThePlaceholderAndTableForms(string dateLine, string place, string date)
    {
        var text = Pk.Cover(date: "x").Replace("\t\t\tx\n", "\t\t\t" + dateLine + "\n", StringComparison.Ordinal) + Table;

        var a = Pk.Single(text);

        Assert.Equal((place, date), (a.Place, a.Date?.ToString()));
    }

    [Fact]
    public void OnlyTheYearWritten_GivesThePlaceAndTheYear()
    {
        var text = Pk.Cover(title: "PERJANJIAN KINERJA", date: "x").Replace("\t\t\tx\n", "\t\t\tMalili, .................. 2025\n", StringComparison.Ordinal) + Table;

        var a = Pk.Single(text);

        Assert.Equal(("Malili", (string?)null, 2025), (a.Place, a.Date?.ToString(), a.Year));
    }
}

public sealed class CoverlessTests
{
    [Fact]
    public void LampiranWithoutCover_GivesAnAgreementWithUnknownPartiesAndAWarning()
    {
        var text = "LAMPIRAN I PERJANJIAN KINERJA TAHUN 2024\nDINAS PERHUBUNGAN\n\n" +
                   "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n" +
                   "1\tMeningkatnya keselamatan transportasi\tPersentase penurunan angka kecelakaan\t5%\n" +
                   "2\tMeningkatnya kualitas layanan angkutan\tIndeks Kepuasan Masyarakat\t80\n\n" +
                   "No\tProgram\tAnggaran\tKeterangan\n1\tProgram Penyelenggaraan Lalu Lintas dan Angkutan Jalan\tRp 1.250.000.000\tAPBD\n";

        var doc = Pk.Parse(text);

        var a = Assert.Single(doc.Agreements);
        Assert.Equal((string.Empty, string.Empty), (a.FirstParty.Name, a.SecondParty.Name));
        Assert.Equal(2, a.Indicators.Count);
        Assert.Equal(1250000000m, Assert.Single(a.Budget).Amount);
        Assert.Equal(2024, a.Year);
        Assert.Contains(a.Findings, f => f is { Code: "cover_missing", Severity: FindingSeverity.Warning });
        Assert.Equal("Dinas Perhubungan", doc.Agency);
    }

    [Fact]
    public void TableCutFromItsPageWithoutAnyTitle_StillGivesAnAgreement()
    {
        var text = "No\tSasaran Strategis\tIndikator Kinerja\tTarget 2024\n" +
                   "1\tMeningkatnya keselamatan transportasi\tPersentase penurunan angka kecelakaan\t5%\n\n" +
                   "Malili, 2 Januari 2024\n";

        var a = Assert.Single(Pk.Parse(text).Agreements);

        Assert.Equal(["Persentase penurunan angka kecelakaan"], a.Indicators.Select(i => i.Indicator));
        Assert.Equal((2024, "2024-01-02"), (a.Year, a.Date?.ToString()));
        Assert.Contains(a.Findings, f => f.Code == "cover_missing");
    }

    [Fact]
    public void SheetsWithTheirOwnTitleTableAndSignatures_AreOneAgreementEach_PartiesFromTheSignatures()
    {
        string Sheet(string position, string name, string indicator) =>
            $"PERJANJIAN KINERJA TAHUN 2018\n{position}\n\nNo\tSasaran Program\tIndikator Program\tTarget\n" +
            $"1\tMeningkatnya tata kelola keuangan\t{indicator}\t100%\n\n" +
            "\t\tCimahi,      Januari 2018\n\tKEPALA BADAN KEUANGAN\t" + position + "\n\tDAERAH\t\n\n\n" +
            $"\tDra. HELLA HAERANI\t{name}\n\tNIP. 19660214 199202 2 001\tNIP. 1970\n\n";
        var text = Sheet("KEPALA BIDANG ANGGARAN", "RONY RODJANI", "Persentase dokumen anggaran tepat waktu") +
                   Sheet("KEPALA BIDANG AKUNTANSI", "EDI SOFYAN, S.Sos", "Persentase laporan keuangan tepat waktu");

        var doc = Pk.Parse(text);

        Assert.Equal(2, doc.Agreements.Count);
        Assert.Equal(new Party("RONY RODJANI", "KEPALA BIDANG ANGGARAN"), doc.Agreements[0].FirstParty);
        Assert.Equal(new Party("Dra. HELLA HAERANI", "KEPALA BADAN KEUANGAN DAERAH"), doc.Agreements[0].SecondParty);
        Assert.Equal("EDI SOFYAN, S.Sos", doc.Agreements[1].FirstParty.Name);
        Assert.Equal(["Persentase laporan keuangan tepat waktu"], doc.Agreements[1].Indicators.Select(i => i.Indicator));
    }

    [Fact]
    public void AnnualReportRestatingAnAgreement_IsRefusedWithItsReason()
    {
        var text = "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)\nINSPEKTORAT TAHUN 2022\n\nKATA PENGANTAR\n\nPuji syukur ...\n\nDAFTAR ISI\n\nBAB I PENDAHULUAN\n\n" +
                   "Tabel 2.1 Perjanjian Kinerja Inspektorat Tahun 2022\nNo\tSasaran\tIndikator Kinerja\tTarget\n1\tMeningkatnya akuntabilitas\tNilai SAKIP\t75\n";

        var doc = Pk.Parse(text);

        Assert.Empty(doc.Agreements);
        var f = Assert.Single(doc.Findings);
        Assert.Equal(("not_an_agreement", FindingSeverity.Error), (f.Code, f.Severity));
        Assert.Contains("bukan perjanjian kinerja", f.Message);
        Assert.Contains("LKjIP", f.Message);
    }
}

public sealed class NotTargetTableTests
{
    [Fact]
    public void RencanaAksiWithMonthlyColumns_GivesNoIndicators()
    {
        var text = Pk.Cover() + Pk.TabTable("1\tMeningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\t82,5") +
                   "RENCANA AKSI\nNo\tIndikator Kinerja\tTarget\tJanuari\tFebruari\tMaret\tApril\tMei\tJuni\tJuli\tAgustus\tSeptember\tOktober\tNovember\tDesember\n" +
                   "1\tIndeks Kepuasan Masyarakat\t82,5\t-\t-\t20\t-\t-\t40\t-\t-\t60\t-\t-\t82,5\n";

        var a = Pk.Single(text);

        Assert.Equal(["Indeks Kepuasan Masyarakat"], a.Indicators.Select(i => i.Indicator));
    }

    [Fact]
    public void RencanaAksiWithOneCellPerLine_GivesNoIndicators()
    {
        var months = new[] { "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember" };
        var text = Pk.Cover() + Pk.TabTable("1\tMeningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\t82,5") +
                   "RENCANA AKSI\n\n\tNo\n\tIndikator Kinerja\n\tTarget\n" + string.Concat(months.Select(m => $"\t{m}\n")) + "\n" +
                   "\t1\n\tPersentase pengaduan yang ditindaklanjuti\n\t100%\n" + string.Concat(months.Select((_, i) => $"\t{(i + 1) * 8}%\n")) + "\n";

        var a = Pk.Single(text);

        Assert.Equal(["Indeks Kepuasan Masyarakat"], a.Indicators.Select(i => i.Indicator));
        Assert.DoesNotContain(a.Findings, f => f.Code == "objective_without_indicator");
    }

    [Fact]
    public void SignatureRowsRightUnderTheTable_AreNotIndicators()
    {
        var text = Pk.Cover() + "LAMPIRAN I\nNo\tSasaran\tIndikator Kinerja\tTarget\n1\tMeningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\t82,5\n" +
                   "\tBUPATI LUWU TIMUR\tKEPALA DINAS CONTOH\t\n\tDrs. H. ALI AKBAR, M.Pd\tBUDI SANTOSO, S.E\t\n\tNIP. 19650101 199003 1 001\tNIP. 19700101 199503 1 002\t\n";

        var a = Pk.Single(text);

        Assert.Single(a.Indicators);
        Assert.DoesNotContain(a.Findings, f => f.Code == "objective_without_indicator");
    }

    [Fact]
    public void SignatureTableAfterTheLampiran_GivesNoIndicators()
    {
        var text = Pk.Cover() + Pk.TabTable("1\tMeningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\t82,5") +
                   "PIHAK KEDUA\tPIHAK PERTAMA\nBUPATI LUWU TIMUR\tKEPALA DINAS CONTOH\n\n\nDrs. H. ALI AKBAR, M.Pd\tBUDI SANTOSO, S.E\nNIP. 19650101 199003 1 001\tNIP. 19700101 199503 1 002\n";

        var a = Pk.Single(text);

        Assert.Single(a.Indicators);
        Assert.DoesNotContain(a.Findings, f => f.Code == "objective_without_indicator");
    }
}

public sealed class BudgetLayoutTests
{
    private static Agreement Parse(string budget) => Pk.Single(Pk.Cover() + Pk.TabTable("1\tMeningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\t82,5") + budget);

    [Fact]
    public void ProgramNameThenRpThenAmountOnLinesOfTheirOwn()
    {
        var a = Parse("\tProgram\tAnggaran\tKeterangan\n1. Program Penunjang Urusan Pemerintahan Daerah\nRp.\n2.877.638.950,-\nAPBD\n2. Program Penyelenggaraan Pemerintahan\nRp.\n6.611.550,-\nAPBD\n");

        Assert.Equal([("Program Penunjang Urusan Pemerintahan Daerah", 2877638950m), ("Program Penyelenggaraan Pemerintahan", 6611550m)], a.Budget.Select(b => (b.Name, b.Amount)));
    }

    [Fact]
    public void HeaderWrittenWithSpacesOnly()
    {
        var a = Parse("Program                                   Anggaran              Keterangan\n" +
                      "1. Program Penunjang Urusan Pemerintahan Daerah      Rp 2.877.638.950       APBD\n" +
                      "2. Program Penyelenggaraan Pemerintahan              Rp 6.611.550           APBD\n");

        Assert.Equal([2877638950m, 6611550m], a.Budget.Select(b => b.Amount));
        Assert.All(a.Budget, b => Assert.Equal("APBD", b.Source));
    }

    [Fact]
    public void SourceInParentheses_AndRpInItsOwnColumn()
    {
        var a = Parse("No\tProgram\t\tAnggaran\tSumber Dana\n1\tProgram Penunjang Urusan Pemerintahan Daerah\tRp\t2.877.638.950\t(APBD)\n2\tProgram Pengelolaan Keuangan Daerah\tRp\t1.000.000\t(APBN)\n");

        Assert.Equal([("APBD", 2877638950m), ("APBN", 1000000m)], a.Budget.Select(b => (b.Source!, b.Amount)));
    }

    [Fact]
    public void KegiatanWithoutPrograms_AndAProgramNameWrappedOverTwoLines()
    {
        var a = Parse("No\tKegiatan\tAnggaran\n1\tPenyusunan Dokumen Perencanaan\t150.000.000\n2\tKoordinasi dan Penyusunan Laporan Capaian Kinerja dan\t\n\tIkhtisar Realisasi Kinerja SKPD\t75.000.000\n");

        Assert.Equal([(BudgetLevel.Kegiatan, "Penyusunan Dokumen Perencanaan", 150000000m), (BudgetLevel.Kegiatan, "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD", 75000000m)],
            a.Budget.Select(b => (b.Level, b.Name, b.Amount)));
    }

    [Theory]
    [InlineData("J U M L A H")]
    [InlineData("Jumalah")]
    [InlineData("TOTAL ANGGARAN Rp")]
    [InlineData("Jumlah Total")]
    public void TotalRowsInAnySpelling_AreNeitherABudgetLineNorAFalseSumFinding(string total)
    {
        var a = Parse($"No\tProgram\tAnggaran\n1\tProgram Penunjang Urusan Pemerintahan Daerah\t2.000.000.000\n2\tProgram Pengelolaan Keuangan Daerah\t1.000.000.000\n\t{total}\t3.000.000.000\n");

        Assert.Equal(2, a.Budget.Count);
        Assert.DoesNotContain(a.Findings, f => f.Code == "budget_sum_mismatch");
    }

    [Fact]
    public void AnAmountOnALineWithoutItsName_BelongsToTheRowAbove()
    {
        var a = Parse("No\tProgram\tAnggaran\n1\tProgram Penunjang Urusan Pemerintahan Daerah\t\n\t\t2.000.000.000\n2\tProgram Pengelolaan Keuangan Daerah\t1.000.000.000\n");

        Assert.Equal([2000000000m, 1000000000m], a.Budget.Select(b => b.Amount));
    }
}

public sealed class IndicatorFormTests
{
    [Fact]
    public void NestedItemsUnderAParent_GiveOneIndicatorPerItemWithTheParentsWords()
    {
        var text = Pk.Cover() + "LAMPIRAN I\nNo\tSasaran\tIndikator Kinerja\tTarget\n" +
                   "1\tTersedianya dokumen perencanaan\tJumlah dokumen perencanaan (dokumen):\t\n" +
                   "\t\t- Renstra\t1\n\t\t- Renja\t1\n\t\t- Laporan Kinerja\t2\n\n";

        var a = Pk.Single(text);

        Assert.Equal(
            ["Jumlah dokumen perencanaan (dokumen): Renstra=1 dokumen", "Jumlah dokumen perencanaan (dokumen): Renja=1 dokumen", "Jumlah dokumen perencanaan (dokumen): Laporan Kinerja=2 dokumen"],
            a.Indicators.Select(i => $"{i.Indicator}={i.Target.Value} {i.Target.Unit}"));
        Assert.All(a.Indicators, i => Assert.Equal("Tersedianya dokumen perencanaan", i.Objective));
    }

    [Theory]
    [InlineData("-2,5", -2.5, null)]
    [InlineData("−3 %", -3, "%")]
    [InlineData("0,9 Angka", 0.9, "Angka")]
    [InlineData("100 dari 120 Desa", 100, "Desa")]
    [InlineData("12.500 Berkas", 12500, "Berkas")]
    [InlineData("75/100.000 penduduk", 75, "/100.000 penduduk")]
    public void TargetsKeepTheirSignAndTheUnitInTheCell(string raw, double value, string? unit)
    {
        var a = Pk.Single(Pk.Cover() + Pk.TabTable($"1\tMenurunnya angka kemiskinan\tLaju pertumbuhan penduduk miskin\t{raw}"));

        var t = Assert.Single(a.Indicators).Target;
        Assert.Equal(((decimal)value, unit), (t.Value, t.Unit));
    }
}

/// <summary>Issue 13 item 2: OCR noise in words and numbers.</summary>
public sealed class OcrNoiseTests
{
    [Theory]
    [InlineData("jumiah", "jumlah")]
    [InlineData("peiayanan", "pelayanan")]
    [InlineData("keg1atan", "kegiatan")]
    [InlineData("pela~yanan", "pelayanan")]
    [InlineData("Ijumlah", "jumlah")]
    [InlineData("{Persentase", "Persentase")]
    [InlineData("terhadappagu", "terhadap pagu")]
    [InlineData("KEGIATAN", "KEGIATAN")]
    [InlineData("Indikator", "Indikator")]
    public void OcrMisreadingsOfAgreementWords_AreReadAsTheWord(string read, string word)
    {
        Assert.Equal(word, Layout.OcrLexicon.Correct(read));
    }

    [Fact]
    public void AmountWithAStrayLetter_IsFlaggedAndNotGuessed()
    {
        var a = Pk.Single(Pk.Cover() + Pk.TabTable("1\tMeningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\t82,5") +
                          "No\tProgram\tAnggaran\tKeterangan\n1\tProgram Penunjang Urusan Pemerintahan Daerah\t1.7l6.833.112\tAPBD\n2\tProgram Pengelolaan Keuangan Daerah\t1.000.000.000\tAPBD\n");

        Assert.Equal(["Program Pengelolaan Keuangan Daerah"], a.Budget.Select(b => b.Name));
        Assert.Contains(a.Findings, f => f.Code == "malformed_number" && f.Message.Contains("1.7l6.833.112", StringComparison.Ordinal));
    }
}
