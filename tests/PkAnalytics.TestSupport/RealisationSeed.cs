using Dapper;
using Npgsql;

namespace PkAnalytics.TestSupport;

/// <summary>Ids of the dimension rows a realisation test needs, inserted with SQL (the loader is built elsewhere).</summary>
public sealed record SeededAgency(int AgencyId, int OtherAgencyId, int DocumentsIndicatorId, int PercentIndicatorId,
    int SakipIndicatorId, int ProgramId, int KegiatanId, int SubKegiatanId, int OtherSubKegiatanId);

public static class RealisationSeed
{
    /// <summary>
    /// Agency "Dinas Uji" with a 2024 head agreement: three indicators (a count of documents, kumulatif; a
    /// percentage; a SAKIP score with target 71,25) and a budget program / kegiatan / two sub kegiatan. A second
    /// agency "Badan Lain" owns a sub kegiatan with the same name as one of Dinas Uji's.
    /// </summary>
    public static async Task<SeededAgency> InsertAsync(NpgsqlDataSource dataSource, string suffix)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        var agency = await c.ExecuteScalarAsync<int>(
            "insert into dim_agency (name, normalized_name) values (@n, lower(@n)) returning agency_id", new { n = "Dinas Uji " + suffix });
        var other = await c.ExecuteScalarAsync<int>(
            "insert into dim_agency (name, normalized_name) values (@n, lower(@n)) returning agency_id", new { n = "Badan Lain " + suffix });
        var position = await c.ExecuteScalarAsync<int>(
            "insert into dim_position (agency_id, title, normalized_title, level) values (@agency, 'Kepala Dinas', 'kepala dinas', 'eselon_ii') returning position_id",
            new { agency });
        var otherPosition = await c.ExecuteScalarAsync<int>(
            "insert into dim_position (agency_id, title, normalized_title, level) values (@other, 'Kepala Badan', 'kepala badan', 'eselon_ii') returning position_id",
            new { other });
        var document = await c.ExecuteScalarAsync<int>(
            "insert into dim_document (file_name, source_path, sha256, format, agency_id) values ('uji.txt', 'uji.txt', @h, 'txt', @agency) returning document_id",
            new { h = "hash-" + suffix, agency });
        var agreement = await c.ExecuteScalarAsync<int>(
            "insert into agreement (document_id, seq, agency_id, kind, year, position_id, line) values (@document, 1, @agency, 'original', 2024, @position, 1) returning agreement_id",
            new { document, agency, position });
        var otherAgreement = await c.ExecuteScalarAsync<int>(
            "insert into agreement (document_id, seq, agency_id, kind, year, position_id, line) values (@document, 2, @other, 'original', 2024, @otherPosition, 50) returning agreement_id",
            new { document, other, otherPosition });

        async Task<int> Indicator(string name, string unit, string aggregation, string category, int seq, string raw, decimal value)
        {
            var id = await c.ExecuteScalarAsync<int>(
                "insert into dim_indicator (agency_id, name, normalized_name, unit, aggregation, category) values (@agency, @name, lower(@name), @unit, @aggregation, @category) returning indicator_id",
                new { agency, name, unit, aggregation, category });
            await c.ExecuteAsync(
                "insert into fact_indicator_target (agreement_id, seq, indicator_id, objective, target_raw, target_value, target_unit, document_id, line) values (@agreement, @seq, @id, 'Sasaran uji', @raw, @value, @unit, @document, @seq)",
                new { agreement, seq, id, raw, value, unit, document });
            return id;
        }

        var documents = await Indicator("Jumlah dokumen perencanaan yang disusun", "Dokumen", "kumulatif", "other", 1, "12 Dokumen", 12m);
        var percent = await Indicator("Persentase desa mandiri", "%", "nilai_akhir", "other", 2, "20,08%", 20.08m);
        var sakip = await Indicator("Nilai SAKIP Perangkat Daerah", "Nilai", "nilai_akhir", "sakip", 3, "71,25", 71.25m);

        async Task<int> Program(string level, string name, int? parent) => await c.ExecuteScalarAsync<int>(
            "insert into dim_program (level, name, normalized_name, parent_program_id) values (@level, @name, lower(@name), @parent) returning program_id",
            new { level, name, parent });
        var program = await Program("program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA " + suffix, null);
        var kegiatan = await Program("kegiatan", "Administrasi Keuangan Perangkat Daerah " + suffix, program);
        var sub = await Program("sub_kegiatan", "Penyediaan Gaji dan Tunjangan ASN " + suffix, kegiatan);
        var sub2 = await Program("sub_kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD " + suffix, kegiatan);
        var otherProgram = await Program("program", "PROGRAM LAIN " + suffix, null);
        var otherKegiatan = await Program("kegiatan", "Kegiatan Lain " + suffix, otherProgram);
        var otherSub = await Program("sub_kegiatan", "Sub Kegiatan Badan Lain " + suffix, otherKegiatan);
        var seq = 0;
        foreach (var (id, level, amount) in new[] { (program, "program", 3_000_000_000m), (kegiatan, "kegiatan", 3_000_000_000m), (sub, "sub_kegiatan", 2_500_000_000m), (sub2, "sub_kegiatan", 500_000_000m) })
        {
            await c.ExecuteAsync(
                "insert into fact_budget_allocation (agreement_id, seq, program_id, level, amount, funding_source, document_id, line) values (@agreement, @seq, @id, @level, @amount, 'APBD', @document, 10 + @seq)",
                new { agreement, seq = ++seq, id, level, amount, document });
        }

        await c.ExecuteAsync(
            "insert into fact_budget_allocation (agreement_id, seq, program_id, level, amount, funding_source, document_id, line) values (@otherAgreement, 1, @otherSub, 'sub_kegiatan', 100000000, 'APBD', @document, 60)",
            new { otherAgreement, otherSub, document });

        return new SeededAgency(agency, other, documents, percent, sakip, program, kegiatan, sub, otherSub);
    }

    public static MemoryStream Csv(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
