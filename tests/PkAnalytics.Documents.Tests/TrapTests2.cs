using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Documents.Tests;

public sealed class MergedCellTrapTests
{
    [Fact] // 003:162-170: two programs stacked in one row, their amounts and sources below
    public void TwoProgramsStackedInOneRow_TakeTheAmountsInStackingOrder()
    {
        var text = Pk.Cover() + "\tProgram\n\tAnggaran\n\tKeterangan\n\n" +
                   "\t4. Program Pengelolaan Informasi Administrasi Kependudukan\n\n5. Program Pengelolaan Profil Kependudukan\n\tRp     114,060,000,-\n\nRp.    451,365,200,-\n\tAPBD\n\nAPBD\n\n";

        var a = Pk.Single(text);

        Assert.Equal(["Program Pengelolaan Informasi Administrasi Kependudukan", "Program Pengelolaan Profil Kependudukan"], a.Budget.Select(b => b.Name));
        Assert.Equal([114_060_000m, 451_365_200m], a.Budget.Select(b => b.Amount));
        Assert.Equal(Pk.LineOf(text, "5. Program"), a.Budget[1].Line);
        Assert.All(a.Budget, b => Assert.Equal("APBD", b.Source));
    }

    [Fact] // 000:52-59, 001:52, 003:69-79: an objective merged over several indicator rows
    public void ObjectiveCell_CarriesOverToTheFollowingRows()
    {
        var tabs = Pk.Single(Pk.Cover() + Pk.TabTable(
            "1.\tMeningkatnya Pelayanan Kesekretariatan\tPersentase Fasilitasi Peraturan Daerah\t100%",
            "\t\tPersentase Rekomendasi DPRD yang ditindaklanjuti\t90%"));
        var cells = Pk.Single(Pk.Cover() +
            "\tNo\n\tSasaran Kinerja\n\tIndikator Kinerja\n\tTarget\n\n\t2.\n\tMeningkatnya Ketahanan Sosial\n\tIndeks Ketahanan Sosial (IKS) \n\n\t0.73\n\n\t\n\t\n\tIndeks Ketahanan Ekonomi (IKE) \n\n\t0.72\n\n");

        Assert.Equal("Meningkatnya Pelayanan Kesekretariatan", tabs.Indicators[1].Objective);
        Assert.Equal(90m, tabs.Indicators[1].Target.Value);
        Assert.Equal(["Meningkatnya Ketahanan Sosial", "Meningkatnya Ketahanan Sosial"], cells.Indicators.Select(i => i.Objective));
        Assert.Equal([0.73m, 0.72m], cells.Indicators.Select(i => i.Target.Value));
    }

    [Fact] // 002:419: one Lampiran 2 target cell covering several indicator rows
    public void OneLampiran2TargetCell_CoversEveryRowItSpans()
    {
        var text = Pk.Cover() + Pk.TabTable("1.\tMeningkatnya Pelayanan Administrasi\tPersentase Penunjang Urusan\t100%") +
                   "LAMPIRAN II PERJANJIAN KINERJA\nPENJELASAN KINERJA\n\n\tNo\n\tIndikator Kinerja \n\tTarget Kinerja\n\tPenjelasan\n\n" +
                   "\t1\n\tPersentase Penyusunan Dokumen Perencanaan\n\t100\n\tTarget yang ditetapkan menunjukkan kondisi ideal.\n\n" +
                   "\t\n\tPersentase Administrasi Keuangan\n\t\n\t\n\n\t\n\tPersentase Administrasi Kepegawaian\n\t\n\t\n\n";

        var a = Pk.Single(text);

        Assert.Equal(3, a.ExplanationTargets.Count);
        var valueLine = text.Split('\n').ToList().IndexOf("\t100") + 1;
        Assert.All(a.ExplanationTargets, e => Assert.Equal(("100", valueLine), (e.Target.Raw, e.Line)));
    }
}

public sealed class SeveralIndicatorsInOneCellTrapTests
{
    [Fact] // 000:1378-1386: sub-items a.-d. in one cell, their four targets in the next cell
    public void SubItemsInOneCell_BecomeSeparateIndicatorsWithTheirOwnTargets()
    {
        var text = Pk.Cover() + "\tNo.\n\tSasaran \n\tIndikator Sub Kegiatan \n\tTarget\n\n\t1\n\tMeningkatnya dokumen perencanaan\n" +
                   "\ta. Jumlah dokumen Perencanaan yang disusun tepat waktu; \nb. Jumlah dokumen RKA-SKPD yang disusun tepat waktu;\nc. Jumlah dokumen DPA-SKPD yang disusun tepat waktu.\n\n" +
                   "\ta. 3 dokumen\nb. 2 dokumen\nc. 10 dokumen\n\n";

        var a = Pk.Single(text);

        Assert.Equal(["Jumlah dokumen Perencanaan yang disusun tepat waktu;", "Jumlah dokumen RKA-SKPD yang disusun tepat waktu;", "Jumlah dokumen DPA-SKPD yang disusun tepat waktu."], a.Indicators.Select(i => i.Indicator));
        Assert.Equal(["3 dokumen", "2 dokumen", "10 dokumen"], a.Indicators.Select(i => i.Target.Raw));
        Assert.Equal([Pk.LineOf(text, "a. Jumlah"), Pk.LineOf(text, "b. Jumlah"), Pk.LineOf(text, "c. Jumlah")], a.Indicators.Select(i => i.Line));
    }

    [Fact] // 004:784: an HTML list of indicators with one HTML paragraph per target
    public void HtmlListOfIndicators_PairsWithTheHtmlParagraphTargets()
    {
        var text = Pk.Cover() + "No (1)\tSasaran Kegiatan (2)\tIndikator Kinerja (3)\tTarget (4)\n" +
                   "1\t<p>Tersusunnya Laporan Keuangan</p>\t<ul style=\"list-style-type: none\"> - Jumlah dokumen SPP UP - Jumlah Laporan SPJ Fungsional - Jumlah Dokumen SPP GU \t<p>1 Dokumen</p> <p>12 Laporan</p> <p>50 Dokumen</p>\n\n";

        var a = Pk.Single(text);

        Assert.Equal(["Jumlah dokumen SPP UP", "Jumlah Laporan SPJ Fungsional", "Jumlah Dokumen SPP GU"], a.Indicators.Select(i => i.Indicator));
        Assert.Equal([1m, 12m, 50m], a.Indicators.Select(i => i.Target.Value));
        Assert.All(a.Indicators, i => Assert.Equal("Tersusunnya Laporan Keuangan", i.Objective));
    }
}

public sealed class LayoutTrapTests
{
    [Fact] // 001:742: the header row repeated after a page break
    public void HeaderRowRepeatedAfterAPageBreak_IsNotAnIndicator()
    {
        var a = Pk.Single(Pk.Cover() + Pk.TabTable(
            "19\tTersedianya Peralatan Kerja\tJumlah Peralatan Dan Mesin Yang Dipelihara\t190 Unit",
            " ",
            "No. (1)\tSasaran Kinerja (2)\tIndikator Kinerja (3)\tTarget (4)",
            "20\tTerlaksananya Jasa Pemeliharaan\tJumlah Aset Tetap Lainnya yang Dipelihara\t6 Unit"));

        Assert.Equal(["190 Unit", "6 Unit"], a.Indicators.Select(i => i.Target.Raw));
    }

    [Fact] // 004:583/585: a row wrapped onto a second line
    public void RowWrappedOntoASecondLine_JoinsTheNameAndKeepsTheFirstLine()
    {
        var text = Pk.Cover() + "No.\tSub Kegiatan\tIndikator Sub Kegiatan\tAnggaran\tKeterangan\n" +
                   "3.\tPenatausahaan Barang Milik Daerah pada\tJumlah laporan penatausahaan barang\tRp 17.925.520,-\tAPBD\n\n\tSKPD\tmilik daerah SKPD yang disusun tepat waktu\t\t\n" +
                   "4.\tPenyediaan komponen instalasi listrik\tJumlah komponen\tRp 5.721.000.-\tAPBD\n\n";

        var a = Pk.Single(text);

        Assert.Equal("Penatausahaan Barang Milik Daerah pada SKPD", a.Budget[0].Name);
        Assert.Equal(Pk.LineOf(text, "3.\tPenatausahaan"), a.Budget[0].Line);
        Assert.Equal(2, a.Budget.Count);
    }

    [Fact] // 002:91, 002:1687-1697, 000:564: cell text on untabbed lines after an empty cell
    public void CellTextOnAnUntabbedLine_BelongsToItsCell()
    {
        var text = Pk.Cover() + "\tNo.\n\tSasaran Kegiatan\n\tIndikator Kinerja\n\tTarget\n\n\t\n1.\n\n\t\nTerlaksananya pelayanan Administrasi Perizinan\n\n\t\nJumlah dokumen perizinan non usaha\n\n\t\n12 Dokumen\n\n";

        var a = Pk.Single(text);

        var i = Assert.Single(a.Indicators);
        Assert.Equal(("Terlaksananya pelayanan Administrasi Perizinan", "Jumlah dokumen perizinan non usaha", "12 Dokumen"), (i.Objective, i.Indicator, i.Target.Raw));
        Assert.Equal(Pk.LineOf(text, "Jumlah dokumen"), i.Line);
    }

    [Fact] // 002:38: the unit "Nilai" in its own cell before the number
    public void UnitInItsOwnCell_BecomesTheTargetUnit()
    {
        var text = Pk.Cover() + "\tNO\n\tSASARAN STRATEGIS\n\tINDIKATOR KINERJA\n\tTARGET\n\n\t1\n\tMeningkatnya Kemampuan Pelayanan Publik\n\tIndeks Kepuasan Masyarakat (IKM)\n\tNilai\n\t87,40\n\n";

        var t = Pk.Single(text).Indicators[0].Target;

        Assert.Equal(("87,40", 87.40m, "Nilai"), (t.Raw, t.Value, t.Unit));
    }

    [Fact] // issue point 7: other headers ("Indikator Kinerja Utama") and a Satuan column
    public void SatuanColumn_GivesTheUnitOfTheTarget()
    {
        var a = Pk.Single(Pk.Cover() + "No\tSasaran Strategis\tIndikator Kinerja Utama\tSatuan\tTarget\n1\tMeningkatnya kualitas layanan\tIndeks Kepuasan Masyarakat\tIndeks\t82,5\n\n");

        var t = a.Indicators[0].Target;
        Assert.Equal(("82,5", 82.5m, "Indeks"), (t.Raw, t.Value, t.Unit));
    }
}

public sealed class PartyTrapTests
{
    [Fact] // 003:6-17: name and position on lines apart from their labels
    public void NameAndPositionOnLinesApartFromTheirLabels_AreRead()
    {
        var text = "PERJANJIAN KINERJA\nDINAS KEPENDUDUKAN\nTAHUN 2024\n" + Pk.Preamble + "\nNama \n\n: OKSEN BIJA, SH\nJabatan \n: KEPALA DINAS KEPENDUDUKAN\nselanjutnya disebut Pihak Pertama\nNama \n\n: Drs. H. BUDIMAN, M.Pd\n\nJabatan\n: BUPATI LUWU TIMUR\nselaku atasan pihak pertama, selanjutnya disebut Pihak Kedua\nMalili,      Maret 2024\n";

        var a = Pk.Single(text);

        Assert.Equal(new Party("OKSEN BIJA, SH", "KEPALA DINAS KEPENDUDUKAN"), a.FirstParty);
        Assert.Equal(new Party("Drs. H. BUDIMAN, M.Pd", "BUPATI LUWU TIMUR"), a.SecondParty);
    }

    [Fact] // 004:962: a stray "Selanjutnya atasan ..." line before the real second party
    public void StraySelanjutnyaAtasanLine_DoesNotChangeTheSecondParty()
    {
        var text = "PERJANJIAN KINERJA TAHUN 2025\n\n" + Pk.Preamble + "\n\nNama : AYUB KOMBONG, ST.M.Si.\n\nJabatan : KEPALA BIDANG PENANAMAN MODAL\n\nSelanjutnya disebut Pihak Pertama\n\nSelanjutnya atasan Pertama, selanjutnya disebut Pihak Kedua\n\nNama : ISKANDAR MUDA, S.Sos., M.Si\n\nJabatan : Plt. KEPALA DINAS PM-PTSP\n\nSelaku atasan Pihak Pertama, selanjutnya disebut Pihak Kedua\n\nMalili, 02 Januari 2025\n";

        var a = Pk.Single(text);

        Assert.Equal("AYUB KOMBONG, ST.M.Si.", a.FirstParty.Name);
        Assert.Equal(new Party("ISKANDAR MUDA, S.Sos., M.Si", "Plt. KEPALA DINAS PM-PTSP"), a.SecondParty);
    }

    [Fact] // 004: the same official signs two agreements in two positions
    public void SameOfficialInTwoPositions_GivesTwoAgreements()
    {
        var text = Pk.Cover(firstName: "ISKANDAR MUDA, S.Sos.,M.Si", firstPosition: "PLt. KEPALA DINAS") +
                   Pk.Cover(firstName: "ISKANDAR MUDA, S.Sos.,M.Si", firstPosition: "SEKRETARIS DINAS", secondName: "ANDI HABIL UNRU, SE", secondPosition: "KEPALA DINAS");

        var doc = Pk.Parse(text);

        Assert.Equal(["PLt. KEPALA DINAS", "SEKRETARIS DINAS"], doc.Agreements.Select(a => a.FirstParty.Position));
    }

    [Fact] // issue point 7: "PIHAK KESATU" wording and "selaku atasan langsung"
    public void PihakKesatuWording_NamesTheFirstParty()
    {
        var text = "PERJANJIAN KINERJA TAHUN 2026\n\n" + Pk.Preamble + "\n1. Nama : SITI AMINAH, S.Kep\n   Jabatan : KEPALA PUSKESMAS WOTU\nselanjutnya disebut PIHAK KESATU.\n2. Nama : dr. RUDI HARTONO\n   Jabatan : KEPALA DINAS KESEHATAN\nselaku atasan langsung PIHAK KESATU, selanjutnya disebut PIHAK KEDUA.\n\nWotu, 6 Januari 2026\n";

        var a = Pk.Single(text);

        Assert.Equal(new Party("SITI AMINAH, S.Kep", "KEPALA PUSKESMAS WOTU"), a.FirstParty);
        Assert.Equal(new Party("dr. RUDI HARTONO", "KEPALA DINAS KESEHATAN"), a.SecondParty);
        Assert.Equal(("Wotu", "2026-01-06", 2026), (a.Place, a.Date?.ToString(), a.Year));
    }
}

public sealed class DateTrapTests
{
    [Fact] // 003:21 "Maret 2024", 004:350 "Januari 2025": no day
    public void CoverDateWithoutADay_IsYearAndMonth()
    {
        var a = Pk.Single(Pk.Cover(date: "Malili,      Maret 2024"));

        Assert.Equal("2024-03", a.Date?.ToString());
        Assert.Equal("Malili", a.Place);
    }

    [Fact] // 000:858: a Lampiran signature dated 2023 in a 2024 agreement
    public void LampiranSignatureWithAnotherYear_GivesADateMismatchAtThatLine()
    {
        var text = Pk.Cover() + Pk.TabTable("1.\tMeningkatnya mutu\tIndeks Kepuasan\t85") + Pk.Signature("Malili,  4  Januari 2023");

        var a = Pk.Single(text);

        Assert.Equal(Pk.LineOf(text, "Januari 2023"), Assert.Single(a.Of("date_mismatch")).Line);
    }

    [Fact] // 004:350 vs 004:385: the cover leaves the day blank, the Lampiran gives it
    public void LampiranSignatureWithADayWhereTheCoverHasNone_IsNoMismatch()
    {
        var a = Pk.Single(Pk.Cover(date: "Malili, Januari 2025") + Pk.TabTable("1.\tMeningkatnya mutu\tIndeks Kepuasan\t85") + Pk.Signature("Malili, 2 Januari 2025"));

        Assert.Empty(a.Of("date_mismatch"));
    }
}

public sealed class ContradictionTrapTests
{
    private const string Lampiran2Header = "LAMPIRAN 2 PERJANJIAN KINERJA\nPENJELASAN KINERJA\n\nIndikator Kinerja\tTarget\tPenjelasan\n";

    [Fact] // 000: SAKIP 71,25 in Lampiran 1 vs 73.35 in Lampiran 2; 001: 100% vs 90%
    public void Lampiran2TargetDifferentFromLampiran1_GivesATargetMismatchAtTheLampiran2Value()
    {
        var text = Pk.Cover() + Pk.TabTable("3.\tMeningkatnya akuntabilitas kinerja\tNilai SAKIP \t71,25") +
                   Lampiran2Header + "Nilai SAKIP\t73.35\tNilai SAKIP yang ditetapkan di tahun 2024.\n";

        var a = Pk.Single(text);

        Assert.Equal(Pk.LineOf(text, "73.35"), Assert.Single(a.Of("target_mismatch")).Line);
        Assert.Equal(73.35m, a.ExplanationTargets[0].Target.Value);
    }

    [Fact] // 003:243: "81.33" restating "81,33 %" is the same number
    public void Lampiran2TargetSameNumberInAnotherNotation_IsNoMismatch()
    {
        var a = Pk.Single(Pk.Cover() + Pk.TabTable("1\tMeningkatnya Kualitas Pelayanan\tIndeks Kepuasan Masyarakat\t81,33 %") +
                          Lampiran2Header + "Indeks Kepuasan Masyarakat\t81.33\tNilai SKM setelah dikonversi.\n");

        Assert.Empty(a.Of("target_mismatch"));
    }

    [Fact] // 000 Sekretaris (Rp 294.024.300), 001 (Rp 3), 004 (Rp 50.000): children that do not add up
    public void BudgetChildrenNotAddingUp_GiveAMismatchAtTheParentWithTheDifference()
    {
        var text = Pk.Cover() + "\tNo\tProgram/Kegiatan/Sub Kegiatan\tAnggaran\tKeterangan\n" +
                   "1.\tKegiatan Penyelenggaraan Promosi Penanaman Modal\tRp.\t252.540.750,-\tAPBD\n" +
                   "a.\tSub Kegiatan Penyusunan Strategi Promosi\tRp.\t25.539.400,-\tAPBD\n" +
                   "b.\tSub Kegiatan Pelaksanaan Promosi\tRp.\t227.051.350,-\tAPBD\n\n";

        var a = Pk.Single(text);

        var f = Assert.Single(a.Of("budget_sum_mismatch"));
        Assert.Equal(Pk.LineOf(text, "Kegiatan Penyelenggaraan"), f.Line);
        Assert.Contains("50.000", f.Message);
    }

    [Fact] // 001:59: a superior's program split over the agreements of the officials below
    public void SuperiorProgramSplitOverSubordinates_IsCheckedAcrossAgreements()
    {
        var text = Pk.Cover(firstName: "ASWAN AZIS, S.Pi", firstPosition: "SEKRETARIS DPRD") + Pk.BudgetTable("1.\tProgram Dukungan Tugas DPRD\tRp 17.903.779.061.-\tAPBD") +
                   Pk.Cover(firstName: "SITTI HAFSAH, S.Sos", firstPosition: "KABAG PERSIDANGAN", secondName: "ASWAN AZIS, S.Pi", secondPosition: "SEKRETARIS DPRD") + Pk.BudgetTable("1\tProgram Dukungan Tugas DPRD\tRp 9.386.640.289,-\tAPBD") +
                   Pk.Cover(firstName: "DARMAWANTI, SH", firstPosition: "KABAG FASILITASI", secondName: "ASWAN AZIS, S.Pi", secondPosition: "SEKRETARIS DPRD") + Pk.BudgetTable("1\tProgram Dukungan Tugas DPRD\tRp 8.517.138.775,-\tAPBD");

        var doc = Pk.Parse(text);

        var f = Assert.Single(doc.Agreements[0].Of("budget_sum_mismatch"));
        Assert.Equal(doc.Agreements[0].Budget[0].Line, f.Line);
        Assert.Contains("selisih Rp 3)", f.Message);
        Assert.Empty(doc.Agreements[1].Findings);
    }

    [Fact] // 002:314-321: the kegiatan number "7." used twice
    public void KegiatanNumberUsedTwice_KeepsBothRows()
    {
        var a = Pk.Single(Pk.Cover() + "\tNo.\n\tKegiatan\n\tAnggaran\n\tKeterangan\n\n\t7.\n\tPenyediaan Jasa Penunjang\n\tRp.       147,029,800\n\tAPBD\n\n\t7.\n\tPemeliharaan Barang Milik Daerah\n\tRp.         60,280,000\n\tAPBD\n\n");

        Assert.Equal([147_029_800m, 60_280_000m], a.Budget.Select(b => b.Amount));
        Assert.All(a.Budget, b => Assert.Equal(BudgetLevel.Kegiatan, b.Level));
    }

    [Fact] // 000:972: an objective row with no indicator and no target
    public void ObjectiveRowWithoutIndicator_GivesAFindingAtTheRowAndNoIndicator()
    {
        var text = Pk.Cover() + Pk.TabTable(
            "1.\tMeningkatnya Pembinaan Desa\tPersentase Desa yang tertib administrasi\t90%",
            "2.\tTerlaksananya Fasilitasi Usulan Pemekaran Desa\t\t");

        var a = Pk.Single(text);

        Assert.Single(a.Indicators);
        Assert.Equal(Pk.LineOf(text, "Terlaksananya Fasilitasi"), Assert.Single(a.Of("objective_without_indicator")).Line);
    }

    [Fact] // 001, 004 end mid-agreement; issue point 7: a document with a cover but no Lampiran
    public void FileEndingAfterTheCover_IsAnAgreementWithATruncatedFinding()
    {
        var text = Pk.Cover();

        var a = Pk.Single(text);

        Assert.Empty(a.Indicators);
        Assert.Single(a.Of("agreement_truncated"));
    }

    [Fact]
    public void FileEndingInsideLampiran2BeforeTheTargetTable_IsTruncated()
    {
        var text = Pk.Cover() + Pk.TabTable("1.\tMeningkatnya mutu\tIndeks Kepuasan\t85") +
                   "LAMPIRAN 2 PERJANJIAN KINERJA\n\nPenjelasan Kinerja 1\n\nUraian Sasaran\n\nIndikator Kinerja:\n1. Indeks Kepuasan\n- Indikator kinerja ini yang akan menggambarkan, antara lain:";

        Assert.Single(Pk.Single(text).Of("agreement_truncated"));
    }

    [Fact]
    public void CompleteDocument_IsNotTruncated()
    {
        var text = Pk.Cover() + Pk.TabTable("1.\tMeningkatnya mutu\tIndeks Kepuasan\t85") + Pk.Signature();

        Assert.Empty(Pk.Single(text).Of("agreement_truncated"));
    }
}

public sealed class UnreadTableTests
{
    [Fact]
    public void IndicatorTableInALayoutNotRead_IsSaid_NotPassedOffAsAnAgreementWithoutIndicators()
    {
        // The target column's label lost (a PDF dropped the upper cell of a two-row header): the header row names no
        // target, so its rows cannot be read as indicators with targets.
        var text = Pk.Cover() + "LAMPIRAN PERJANJIAN KINERJA\n\nNo\tSasaran Strategis\tIndikator Kinerja\n\t\t\tKinerja\tSatuan\n" +
                   "1.\tMeningkatnya akses pendidikan\tAngka Partisipasi Murni SD\t97,85\t%\n\t\tRata-rata Lama Sekolah\t8,25\tTahun\n\n";

        var a = Pk.Single(text);

        Assert.Empty(a.Indicators);
        var finding = Assert.Single(a.Findings, f => f.Code == "indicators_unread");
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(Pk.LineOf(text, "No\tSasaran Strategis"), finding.Line);
    }

    [Fact]
    public void AgreementWithItsIndicatorsRead_HasNoUnreadTableFinding()
    {
        var a = Pk.Single(Pk.Cover() + Pk.TabTable("1.\tMeningkatnya akses pendidikan\tAngka Partisipasi Murni SD\t97,85%"));

        Assert.Single(a.Indicators);
        Assert.DoesNotContain(a.Findings, f => f.Code == "indicators_unread");
    }
}
