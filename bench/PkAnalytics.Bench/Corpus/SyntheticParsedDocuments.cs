using System.Security.Cryptography;
using System.Text;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Bench.Corpus;

/// <summary>
/// Parsed documents shaped like the seeds' (a head with the Bupati, a secretary and heads of division with the
/// head, section heads with them; programs, kegiatan and sub kegiatan from the national nomenclature), for
/// measuring the loader when the parser does not yet return agreements for the corpus.
/// </summary>
public static class SyntheticParsedDocuments
{
    private static readonly string[] Programs =
    [
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
        "Program Peningkatan Kapasitas Kelembagaan Masyarakat", "Program Pemberdayaan Lembaga Kemasyarakatan", "Program Administrasi Pemerintahan Desa",
    ];

    private static readonly string[] Kegiatan =
    [
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "Administrasi Keuangan Perangkat Daerah",
        "Administrasi Barang Milik Daerah pada Perangkat Daerah", "Administrasi Kepegawaian Perangkat Daerah", "Administrasi Umum Perangkat Daerah",
        "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
    ];

    private static readonly string[] SubKegiatan =
    [
        "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "Koordinasi dan Penyusunan DPA-SKPD",
        "Evaluasi Kinerja Perangkat Daerah", "Penyediaan Gaji dan Tunjangan ASN", "Penyediaan Administrasi Pelaksanaan Tugas ASN",
        "Pendataan dan Pengolahan Administrasi Kepegawaian", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
        "Penyediaan Bahan Logistik Kantor", "Penyediaan Jasa Surat Menyurat", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "Pemeliharaan Kendaraan Dinas",
    ];

    private static readonly string[] Indicators =
    [
        "Nilai SAKIP", "Indeks Kepuasan Masyarakat (IKM)", "Persentase Capaian Kinerja Perangkat Daerah", "Jumlah Dokumen Perencanaan Perangkat Daerah",
        "Persentase Administrasi Keuangan yang terselenggara dengan baik", "Jumlah Laporan Evaluasi Kinerja", "Persentase Desa Mandiri",
        "Jumlah Lembaga Kemasyarakatan yang dibina", "Persentase Penyelesaian Pengaduan", "Nilai Evaluasi SAKIP Hasil Evaluasi Internal Inspektorat",
    ];

    public static IEnumerable<ParsedDocument> Generate(int count, int years = 5, int seed = 4)
    {
        var random = new Random(seed);
        var agencies = Math.Max(1, (count + years - 1) / years);
        for (var i = 0; i < count; i++)
        {
            var agency = $"Dinas Sintetis {i % agencies:D5}";
            var year = 2025 - (i / agencies) % years;
            var line = 1;
            var agreements = new List<Agreement>();
            var head = new Party($"KEPALA {i % agencies}", $"KEPALA {agency.ToUpperInvariant()}");
            var secretary = new Party($"SEKRETARIS {i % agencies}", "SEKRETARIS DINAS");
            agreements.Add(Make(head, new Party("Drs. H. BUDIMAN, M.Pd", "BUPATI LUWU TIMUR"), 6, programs: 5, kegiatan: 0, subs: 0));
            agreements.Add(Make(secretary, head, 4, programs: 1, kegiatan: 8, subs: 0));
            for (var b = 1; b <= 3; b++)
            {
                var kabid = new Party($"KABID {b} {i % agencies}", $"KEPALA BIDANG {b}");
                agreements.Add(Make(kabid, head, 4, programs: 1, kegiatan: 3, subs: 6));
                agreements.Add(Make(new Party($"KASI {b} {i % agencies}", $"KEPALA SEKSI {b}"), kabid, 3, programs: 0, kegiatan: 0, subs: 4));
            }

            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"synthetic {seed} {i}")));
            yield return new ParsedDocument($"synthetic/{i:D5}.txt", sha, "txt", agency, agreements,
                [new Finding("ambiguous_number", FindingSeverity.Info, "synthetic", 10)]);

            Agreement Make(Party first, Party second, int indicators, int programs, int kegiatan, int subs)
            {
                var start = line;
                line += 20;
                var targets = Enumerable.Range(0, indicators).Select(k => new IndicatorTarget(
                    "Meningkatnya kinerja perangkat daerah", Indicators[(k + random.Next(3)) % Indicators.Length],
                    new TargetValue("85,50", 85.50m + random.Next(10), k % 3 == 0 ? "%" : "Nilai"), line++)).ToList();
                var budget = new List<BudgetLine>();
                for (var p = 0; p < programs; p++)
                {
                    budget.Add(new BudgetLine(BudgetLevel.Program, Programs[p % Programs.Length], random.Next(1_000_000, 900_000_000), "APBD", line++));
                }

                for (var k = 0; k < kegiatan; k++)
                {
                    budget.Add(new BudgetLine(BudgetLevel.Kegiatan, Kegiatan[k % Kegiatan.Length], random.Next(1_000_000, 90_000_000), "APBD", line++));
                }

                for (var s = 0; s < subs; s++)
                {
                    budget.Add(new BudgetLine(BudgetLevel.SubKegiatan, SubKegiatan[(s + random.Next(4)) % SubKegiatan.Length], random.Next(100_000, 9_000_000), "APBD", line++));
                }

                return new Agreement(AgreementKind.Original, year, "Malili", new SigningDate(year, 1, 4), start, first, second,
                    targets.DistinctBy(t => t.Indicator).ToList(), budget, [], []);
            }
        }
    }
}
