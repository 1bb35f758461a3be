using System.Security.Cryptography;
using System.Text;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Warehouse.Tests;

/// <summary>
/// Three agreements of seeds/002 (Kecamatan Mangkutana, amendments of 1 October 2024) written out by hand from the
/// document, with its lines: the Camat with the Pjs. Bupati, the Sekretaris Camat with the Camat, and the Kasubag
/// Perencanaan dan Kepegawaian with the Sekretaris Camat. The findings are made up for the tests (marked so).
/// </summary>
internal static class KecamatanMangkutana
{
    public const string Agency = "Kecamatan Mangkutana";
    public const string Source = "seeds/002_132149d095a947b3.txt";

    public static readonly SigningDate AmendmentDate = new(2024, 10, 1);

    public static ParsedDocument Amendments(string? sha = null) => new(
        Source,
        sha ?? Sha("kecamatan mangkutana amendments 2024"),
        "txt",
        Agency,
        [Camat(), SekretarisCamat(), KasubagPerencanaan()],
        [new Finding("ambiguous_number", FindingSeverity.Info, "made up for the tests: document-level finding", 0)]);

    public static Agreement Camat() => new(
        AgreementKind.Amendment, 2024, "Mangkutana", AmendmentDate, 1,
        new Party("ZULKIFLI ADI SAPUTRA, ST", "CAMAT  MANGKUTANA"),
        new Party("Dr. JAYADI NAS, S.Sos., M.Si", "Pjs. BUPATI  LUWU  TIMUR"),
        [
            new("Meningkatnya Kemampuan Pelayanan Publik Penyelenggaraan Urusan pemerintahan Kecamatan Mangkutana",
                "Indeks Kepuasan Masyarakat (IKM)", new TargetValue("87,40", 87.40m, "Nilai"), 37),
            new("Meningkatnya Capaian Kinerja dan keuangan Penyelenggaraan Urusan pemerintahan Kecamatan Mangkutana",
                "Nilai Evaluasi SAKIP Hasil Evaluasi Internal Inspektorat", new TargetValue("71,55", 71.55m, "Nilai"), 44),
            new("Meningkatnya Capaian Kinerja Penyelenggaraan Pemerintahan dan Pelayanan Publik",
                "Persentase Capaian Kinerja Penyelenggaraan Pemerintahan dan Pelayanan Publik", new TargetValue("100 %", 100m, "%"), 67),
            new("Meningkatnya Capaian Kinerja Pemberdayaan Masyarakat Desa dan Kelurahan",
                "Persentase Capaian Kinerja Pemberdayaan Masyarakat Desa dan Kelurahan", new TargetValue("100 %", 100m, "%"), 74),
            new("Meningkatnya Capaian Kinerja Pelayanan ketentraman dan Ketertiban Umum",
                "Persentase Rata-rata Capaian Kinerja Pelayanan Ketentraman dan Ketertiban Umum yang Dilaksanakan",
                new TargetValue("100 %", 100m, "%"), 82),
            new("Meningkatnya Capaian Kinerja Penyelenggaraan Urusan Pemerintahan Umum",
                "Persentase Capaian Kinerja Penyelenggaraan Pemerintahan Umum Kecamatan", new TargetValue("100 %", 100m, "%"), 89),
            new("Meningkatnya Capaian Kinerja pada Pembinaan dan Pengawasan Pemerintahan Desa",
                "Persentase Penyelenggaraan Pemerintahan Desa yang Berjalan sesuai Standard an Ketentuan Perundangan yang Berlaku",
                new TargetValue("100 %", 100m, "%"), 96),
        ],
        [
            new(BudgetLevel.Program, "Program Penunjang urusan Pemerintahan daerah Kabupaten/Kota", 2_877_638_950m, "APBD", 105),
            new(BudgetLevel.Program, "Program Penyelenggaraan Pemerintahan dan pelayanan Publik", 6_611_550m, "APBD", 106),
            new(BudgetLevel.Program, "Program Pemberdayaan Masyarakat Desa dan Kelurahan", 112_041_250m, "APBD", 107),
            new(BudgetLevel.Program, "Program Koordinasi Ketentraman dan ketertiban Umumnb", 12_597_500m, "APBD", 108),
            new(BudgetLevel.Program, "Program Penyelenggaraan Urusan Pemerintahan Umum", 31_307_750m, "APBD", 109),
            new(BudgetLevel.Program, "Program Pembinaan dan Pengawasan Pemerintahan Desa", 25_675_800m, "APBD", 110),
        ],
        [new("Indeks Kepuasan Masyarakat (IKM)", new TargetValue("87,40", 87.40m, null), 165)],
        [new("target_mismatch", FindingSeverity.Warning, "made up for the tests: agreement finding", 165)]);

    public const decimal CamatBudget = 3_065_872_800m;

    public static Agreement SekretarisCamat() => new(
        AgreementKind.Amendment, 2024, "Mangkutana", AmendmentDate, 218,
        new Party("SAMUEL NASRANI, S.IP", "SEKRETARIS CAMAT"),
        new Party("ZULKIFLI  ADI  SAPUTRA, ST", "CAMAT MANGKUTANA"),
        [
            new("Meningkatnya Pelayanan Administrasi Perkantoran",
                "Persentase Penunjang Urusan Perangkat Daerah Berjalan sesuai Standar (%)", new TargetValue("100%", 100m, "%"), 262),
        ],
        [
            new(BudgetLevel.Program, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", 2_877_638_950m, "APBD", 279),
            new(BudgetLevel.Kegiatan, "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", 24_411_350m, "APBD", 285),
            new(BudgetLevel.Kegiatan, "Administrasi Keuangan Perangkat Daerah", 2_068_356_226m, "APBD", 290),
            new(BudgetLevel.Kegiatan, "Administrasi Barang Milik Daerah pada Perangkat Daerah", 13_691_650m, "APBD", 295),
            new(BudgetLevel.Kegiatan, "Administrasi Kepegawaian Perangkat Daerah", 47_090_550m, "APBD", 300),
            new(BudgetLevel.Kegiatan, "Administrasi Umum Perangkat Daerah", 444_982_374m, "APBD", 305),
            new(BudgetLevel.Kegiatan, "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", 71_797_000m, "APBD", 310),
            new(BudgetLevel.Kegiatan, "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", 147_029_800m, "APBD", 315),
            new(BudgetLevel.Kegiatan, "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", 60_280_000m, "APBD", 320),
        ],
        [],
        []);

    public static Agreement KasubagPerencanaan() => new(
        AgreementKind.Amendment, 2024, "Mangkutana", AmendmentDate, 459,
        new Party("MERI, S.Pi", "KEPALA SUB BAGIAN PERENCANAAN DAN KEPEGAWAIAN"),
        new Party("SAMUEL NASRANI, S.IP", "SEKRETARIS CAMAT"),
        [
            new("Tersusunnya Dokumen Perencanaan Perangkat Daerah", "Jumlah Dokumen Perencanaan perangkat daerah",
                new TargetValue("2 Dok", 2m, "Dok"), 501),
            new("Tersusunnya dokumen RKA SKPD", "Jumlah Dokumen RKA SKPD", new TargetValue("2 Dok", 2m, "Dok"), 508),
            new("Tersusunnya Laporan Kinerja Perangkat Daerah", "Jumlah Laporan evaluasi Kinerja Perangkat Daerah",
                new TargetValue("10 Laporan", 10m, "Laporan"), 521),
            new("Terlaksananya Bimbingan Teknis Implementasi Peraturan Perundang-undangan",
                "Jumlah Orang yang Mengikuti Bimbingan Teknis Implementasi Peraturan Perundang-undangan",
                new TargetValue("8 Org", 8m, "Org"), 531),
        ],
        [
            new(BudgetLevel.SubKegiatan, "Penyusunan Dokumen Perencanaan Perangkat Daerah", 11_095_000m, "APBD", 554),
            new(BudgetLevel.SubKegiatan, "Koordinasi dan Penyusunan Dokumen RKA-SKPD", 3_912_500m, "APBD", 560),
            new(BudgetLevel.SubKegiatan, "Evaluasi Kinerja Perangkat Daerah", 5_923_600m, "APBD", 572),
        ],
        [],
        []);

    /// <summary>
    /// The original the Camat's amendment replaced, derived for the versioning test: signed at the start of the
    /// year, with a lower IKM target and one program less.
    /// </summary>
    public static ParsedDocument DerivedOriginal()
    {
        var amendment = Camat();
        var original = amendment with
        {
            Kind = AgreementKind.Original,
            Date = new SigningDate(2024, 1, 4),
            Indicators = [amendment.Indicators[0] with { Target = new TargetValue("85,00", 85.00m, "Nilai") }, .. amendment.Indicators.Skip(1)],
            Budget = amendment.Budget.Take(5).ToList(),
            ExplanationTargets = [],
            Findings = [],
        };
        return new ParsedDocument("derived/kecamatan_mangkutana_original_2024.txt", Sha("kecamatan mangkutana original 2024"),
            "txt", Agency, [original], []);
    }

    public static string Sha(string label) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(label)));
}
