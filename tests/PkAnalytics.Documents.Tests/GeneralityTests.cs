using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents.Tests;

/// <summary>Issue point 7: documents from other regions and years, with other wording and layouts.</summary>
public sealed class GeneralityTests
{
    [Fact]
    public void UnseenDocumentWithOtherWordingAndLayout_IsReadByStructure()
    {
        var text = string.Join('\n',
            "PERUBAHAN",
            "PERJANJIAN KINERJA TAHUN ANGGARAN 2026",
            "PUSKESMAS WOTU",
            "",
            Pk.Preamble,
            "1. Nama\t: SITI AMINAH, S.Kep",
            "   NIP\t: 19800101 200501 2 001",
            "   Pangkat/Gol.\t: Penata / III.c",
            "   Jabatan\t: KEPALA PUSKESMAS WOTU",
            "selanjutnya disebut PIHAK KESATU.",
            "2. Nama\t: dr. RUDI HARTONO",
            "   NIP\t: 19750202 200312 1 002",
            "   Jabatan\t: KEPALA DINAS KESEHATAN",
            "selaku atasan langsung PIHAK KESATU, selanjutnya disebut PIHAK KEDUA.",
            "",
            "Wotu, 06-01-2026",
            "",
            "LAMPIRAN I",
            "No\tSasaran\tIndikator Kinerja Utama\tKondisi Awal\tSatuan\tTarget",
            "1\tMeningkatnya derajat kesehatan masyarakat\tAngka Kematian Bayi\t12\tper 1000 KH\t0,9",
            "2\tMeningkatnya mutu pelayanan\tIndeks Kepuasan Masyarakat\t80\tIndeks\t82,5",
            "3\tMeningkatnya akuntabilitas\tPredikat SAKIP\tB\tPredikat\tBB",
            "",
            "Kode\tUraian Program/Kegiatan\tPagu Anggaran\tSumber Dana",
            "1.02.02\tProgram Pemenuhan Upaya Kesehatan\t1.250.000.000\tDAK",
            "1.02.02.2.01\tPenyediaan Fasilitas Pelayanan Kesehatan\t1.250.000.000\tDAK",
            "1.02.02.2.01.0014\tPengadaan Alat Kesehatan\t1.000.000.000\tDAK",
            "1.02.02.2.01.0020\tPemeliharaan Sarana Fasilitas Kesehatan\t200.000.000\tDAK",
            "",
            "Wotu, 06-01-2026");

        var doc = Pk.Parse(text);

        var a = Assert.Single(doc.Agreements);
        Assert.Equal("Puskesmas Wotu", doc.Agency);
        Assert.Equal((AgreementKind.Amendment, 2026, 1, "Wotu", "2026-01-06"), (a.Kind, a.Year, a.Line, a.Place, a.Date?.ToString()));
        Assert.Equal(new Party("SITI AMINAH, S.Kep", "KEPALA PUSKESMAS WOTU"), a.FirstParty);
        Assert.Equal(new Party("dr. RUDI HARTONO", "KEPALA DINAS KESEHATAN"), a.SecondParty);
        Assert.Equal(
            ["Angka Kematian Bayi=0,9 0.9 per 1000 KH", "Indeks Kepuasan Masyarakat=82,5 82.5 Indeks", "Predikat SAKIP=BB  Predikat"],
            a.Indicators.Select(i => $"{i.Indicator}={i.Target.Raw} {i.Target.Value} {i.Target.Unit}"));
        Assert.Equal(
            [BudgetLevel.Program, BudgetLevel.Kegiatan, BudgetLevel.SubKegiatan, BudgetLevel.SubKegiatan],
            a.Budget.Select(b => b.Level));
        Assert.Equal("Pengadaan Alat Kesehatan", a.Budget[2].Name);
        Assert.All(a.Budget, b => Assert.Equal("DAK", b.Source));
        var f = Assert.Single(a.Findings);
        Assert.Equal(("budget_sum_mismatch", Pk.LineOf(text, "1.02.02.2.01\t")), (f.Code, f.Line));
    }

    [Fact]
    public void ProgramCodes_AreLabelsNotAmounts()
    {
        Assert.False(Numbers.LooksLikeAmount("1.06.01.2.01"));
        Assert.False(Numbers.LooksLikeAmount("1.02.02"));
        Assert.True(Cells.IsLabel("1.06.01.2.01.0014"));
        Assert.True(Numbers.LooksLikeAmount("86.781950,00"));
        Assert.True(Numbers.LooksLikeAmount("138.710.2800,00"));
        Assert.True(Numbers.LooksLikeAmount("4616968611"));
    }

    [Theory]
    [InlineData("Malili, 4 Januari 2024", "Malili", "2024-01-04")]
    [InlineData("Malili,  4 Jan. 2024", "Malili", "2024-01-04")]
    [InlineData("Tomoni Timur, 15 Agt 2025", "Tomoni Timur", "2025-08-15")]
    [InlineData("Malili, 31-12-2024", "Malili", "2024-12-31")]
    [InlineData("Malili,      Maret 2024", "Malili", "2024-03")]
    [InlineData("Mangkutana, 1 Nopember 2024", "Mangkutana", "2024-11-01")]
    public void SigningDates_InTheirWrittenForms_AreRead(string line, string place, string date)
    {
        var found = Dates.Find(line);

        Assert.NotNull(found);
        Assert.Equal((place, date), (found.Value.Place, found.Value.Date.ToString()));
    }

    [Theory]
    [InlineData("Tahun 2024")]
    [InlineData("Nilai SAKIP ditetapkan 73,35 pada tahun 2024")]
    [InlineData("Peraturan Daerah Nomor 11 Tahun 2021")]
    public void TextThatOnlyMentionsAYear_IsNotASigningDate(string line)
    {
        Assert.Null(Dates.Find(line));
    }

    [Fact]
    public void AgencyNotInAnyHeading_ComesFromTheFirstPartysPosition()
    {
        var doc = Pk.Parse(Pk.Cover(title: "PERJANJIAN KINERJA TAHUN 2024", firstPosition: "KEPALA DINAS KESEHATAN KABUPATEN LUWU TIMUR"));

        Assert.Equal("Dinas Kesehatan", doc.Agency);
    }

    [Fact]
    public void BudgetUnderAnUraianColumn_IsRead()
    {
        var a = Pk.Single(Pk.Cover() + "No\tUraian\tJumlah Anggaran (Rp)\tKeterangan\n1\tProgram Penunjang Urusan Pemerintahan\t4.616.968.611\tAPBD\n\n");

        var line = Assert.Single(a.Budget);
        Assert.Equal((BudgetLevel.Program, 4_616_968_611m), (line.Level, line.Amount));
    }

    [Fact]
    public void CoverWithoutLampiran_IsAnAgreementWithoutIndicators()
    {
        var doc = Pk.Parse(Pk.Cover());

        var a = Assert.Single(doc.Agreements);
        Assert.Empty(a.Indicators);
        Assert.Empty(a.Budget);
        Assert.Equal("2024-01-04", a.Date?.ToString());
    }
}

public sealed class PartyRoleTests
{
    [Fact]
    public void RoleHeadingsAboveEachPair_NameTheParties()
    {
        var text = "PERJANJIAN KINERJA TAHUN 2025\n\n" + Pk.Preamble + "\nPIHAK PERTAMA\nNama : ANDI RAJUNI, SE\nJabatan : KEPALA BIDANG PTSP\nPIHAK KEDUA\nNama : ISKANDAR MUDA, S.Sos\nJabatan : KEPALA DINAS\n\nMalili, 2 Januari 2025\n";

        var a = Pk.Single(text);

        Assert.Equal("ANDI RAJUNI, SE", a.FirstParty.Name);
        Assert.Equal("ISKANDAR MUDA, S.Sos", a.SecondParty.Name);
    }

    [Fact]
    public void SuperiorListedFirstAndCalledPihakKedua_IsTheSecondParty()
    {
        var text = "PERJANJIAN KINERJA TAHUN 2025\n\n" + Pk.Preamble + "\nNama : ISKANDAR MUDA, S.Sos\nJabatan : KEPALA DINAS\nselanjutnya disebut PIHAK KEDUA\nNama : ANDI RAJUNI, SE\nJabatan : KEPALA BIDANG PTSP\nselanjutnya disebut PIHAK PERTAMA\n\nMalili, 2 Januari 2025\n";

        var a = Pk.Single(text);

        Assert.Equal(new Party("ANDI RAJUNI, SE", "KEPALA BIDANG PTSP"), a.FirstParty);
        Assert.Equal(new Party("ISKANDAR MUDA, S.Sos", "KEPALA DINAS"), a.SecondParty);
    }
}

public sealed class BudgetStructureTests
{
    private static string Table(string subAmount) =>
        Pk.Cover() + "Program/Kegiatan/Sub Kegiatan\tAnggaran\tKeterangan\n" +
        "A. Program Pelayanan Penanaman Modal\tRp. 337.501.925\tAPBD\n" +
        "1. Pelayanan Perizinan Terpadu Satu Pintu\t\t\n" +
        "a. Penyediaan Pelayanan Perizinan Berusaha\tRp. 313.499.200\tAPBD\n" +
        $"b. Penyediaan Layanan Konsultasi Perizinan\tRp. {subAmount}\tAPBD\n\n";

    [Fact]
    public void KegiatanHeadingWithoutAnAmount_IsNotABudgetLineButKeepsTheLevels()
    {
        var a = Pk.Single(Table("24.002.725"));

        Assert.Equal([BudgetLevel.Program, BudgetLevel.SubKegiatan, BudgetLevel.SubKegiatan], a.Budget.Select(b => b.Level));
        Assert.Empty(a.Findings);
    }

    [Fact]
    public void ProgramOverAKegiatanHeadingWithoutAmount_IsCheckedAgainstTheSubKegiatan()
    {
        var text = Table("24.001.725");

        var f = Assert.Single(Pk.Single(text).Of("budget_sum_mismatch"));

        Assert.Equal(Pk.LineOf(text, "A. Program"), f.Line);
        Assert.Contains("selisih Rp 1.000)", f.Message);
    }

    [Fact]
    public void LegacyWordFile_IsRefusedWithAClearMessage()
    {
        var doc = DocumentParser.Parse("pk-2024.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

        var f = Assert.Single(doc.Findings);
        Assert.Equal("unreadable_document", f.Code);
        Assert.Contains(".docx", f.Message);
    }
}

public sealed class QualitativeTargetTests
{
    [Theory]
    [InlineData("WTP")]
    [InlineData("BB")]
    [InlineData("Sangat Baik")]
    public void QualitativeTargetInItsOwnCell_IsTheTargetWithoutAValue(string grade)
    {
        var text = Pk.Cover() + $"\tNo\n\tSasaran\n\tIndikator Kinerja\n\tTarget\n\n\t1\n\tMeningkatnya akuntabilitas keuangan\n\tOpini BPK atas Laporan Keuangan\n\t{grade}\n\n";

        var i = Assert.Single(Pk.Single(text).Indicators);

        Assert.Equal((grade, (decimal?)null, (string?)null), (i.Target.Raw, i.Target.Value, i.Target.Unit));
    }

    [Fact]
    public void DateWithADottedPlaceholderForTheDay_IsYearAndMonth()
    {
        Assert.Equal("2025-01", Dates.Find("Malili, ...... Januari 2025")?.Date.ToString());
    }
}

public sealed class RestatementMatchingTests
{
    private const string Lampiran2 = "LAMPIRAN 2 PERJANJIAN KINERJA\nPENJELASAN KINERJA\n\nIndikator Kinerja\tTarget\tPenjelasan\n";

    [Fact]
    public void RestatementWithWordsAdded_IsMatchedAndCompared()
    {
        var text = Pk.Cover() + Pk.TabTable("1.\tMeningkatnya akuntabilitas\tNilai SAKIP\t71,25") +
                   Lampiran2 + "Nilai SAKIP Dinas Pemberdayaan Masyarakat dan Desa\t73,35\tTarget tahun 2024.\n";

        Assert.Equal(Pk.LineOf(text, "73,35"), Assert.Single(Pk.Single(text).Of("target_mismatch")).Line);
    }

    [Fact]
    public void RestatementCombiningSeveralIndicators_HasNoSingleCounterpartAndNoFinding()
    {
        var text = Pk.Cover() + Pk.TabTable(
                       "1\tMeningkatnya kenyamanan kantor\tJumlah Gedung Kantor Yang Dipelihara\t3 Unit",
                       "2\tTersedianya peralatan kerja\tJumlah Peralatan Dan Mesin Yang Dipelihara\t190 Unit") +
                   Lampiran2 + "Jumlah Gedung Kantor, Peralatan dan Mesin yang Dipelihara\t193 Unit\tGabungan.\n";

        var a = Pk.Single(text);

        Assert.Single(a.ExplanationTargets);
        Assert.Empty(a.Of("target_mismatch"));
    }
}

public sealed class CombinedTableTests
{
    [Fact]
    public void ProgramTableWithIndicatorTargetAndBudget_GivesBothIndicatorsAndBudgetLines()
    {
        var text = Pk.Cover() + "No\tProgram/Kegiatan\tIndikator Kinerja\tTarget\tAnggaran (Rp)\tKeterangan\n" +
                   "1\tProgram Penunjang Urusan Pemerintahan\tPersentase penunjang urusan berjalan sesuai standar\t100%\t1.500.000.000\tAPBD\n" +
                   "2\tProgram Pelayanan Penanaman Modal\tJumlah izin yang diterbitkan\t7.200 izin\t337.501.925\tAPBD\n\n";

        var a = Pk.Single(text);

        Assert.Equal(["Persentase penunjang urusan berjalan sesuai standar", "Jumlah izin yang diterbitkan"], a.Indicators.Select(i => i.Indicator));
        Assert.Equal([100m, 7200m], a.Indicators.Select(i => i.Target.Value));
        Assert.Equal([1_500_000_000m, 337_501_925m], a.Budget.Select(b => b.Amount));
        Assert.All(a.Budget, b => Assert.Equal(BudgetLevel.Program, b.Level));
    }
}

public sealed class AgencyTests
{
    [Theory]
    [InlineData("PERJANJIAN KINERJA\nKANTOR CAMAT WOTU\nTAHUN 2024", "Kecamatan Wotu")]
    [InlineData("PERJANJIAN KINERJA\nDINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KAB. LUWU TIMUR\nTAHUN 2024", "Dinas Kependudukan dan Pencatatan Sipil")]
    [InlineData("PERJANJIAN KINERJA\nSEKRETARIAT DPRD\nTAHUN 2024", "Sekretariat DPRD")]
    [InlineData("PERJANJIAN KINERJA\nBADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH\nKABUPATEN LUWU TIMUR\nTAHUN 2025", "Badan Pengelolaan Keuangan dan Aset Daerah")]
    public void AgencyHeading_IsTitleCasedWithoutTheRegency(string title, string agency)
    {
        Assert.Equal(agency, Pk.Parse(Pk.Cover(title: title)).Agency);
    }
}

public sealed class Lampiran2LayoutTests
{
    [Fact]
    public void Lampiran2TableWithASatuanColumn_GivesTheUnit()
    {
        var text = Pk.Cover() + Pk.TabTable("1.\tMeningkatnya mutu\tJumlah izin yang diterbitkan\t7200 izin") +
                   "LAMPIRAN II\nPENJELASAN KINERJA\n\nNo\tIndikator Kinerja\tTarget\tSatuan\tPenjelasan\n1\tJumlah izin yang diterbitkan\t7200\tizin\tBerdasarkan capaian tahun lalu.\n";

        var e = Assert.Single(Pk.Single(text).ExplanationTargets);

        Assert.Equal(("7200", 7200m, "izin"), (e.Target.Raw, e.Target.Value, e.Target.Unit));
    }
}
