using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Loading;

namespace PkAnalytics.Warehouse.Tests;

public sealed class IndicatorRuleTests
{
    [Theory]
    [InlineData("Nilai SAKIP", null, "sakip", "nilai_akhir")]
    [InlineData("Nilai Evaluasi SAKIP Hasil Evaluasi Internal Inspektorat", "Nilai", "sakip", "nilai_akhir")]
    [InlineData("Nilai Akuntabilitas Kinerja Instansi Pemerintah", null, "sakip", "nilai_akhir")]
    [InlineData("Indeks Kepuasan Masyarakat (IKM)", "Nilai", "ikm", "nilai_akhir")]
    [InlineData("Nilai Survei Kepuasan Masyarakat", null, "ikm", "nilai_akhir")]
    [InlineData("Persentase Capaian Kinerja Pemberdayaan Masyarakat Desa dan Kelurahan", "%", "other", "nilai_akhir")]
    [InlineData("Jumlah Dokumen Perencanaan perangkat daerah", "Dok", "other", "kumulatif")]
    [InlineData("Laporan evaluasi kinerja yang tersusun", "Laporan", "other", "kumulatif")]
    [InlineData("Jumlah Orang yang Mengikuti Bimbingan Teknis", "Org", "other", "kumulatif")]
    [InlineData("Organisasi kemasyarakatan yang dibina", "Organisasi", "other", "kumulatif")]
    [InlineData("Predikat Kabupaten Layak Anak", null, "other", "nilai_akhir")]
    [InlineData("Jumlah kegiatan monitoring capaian kinerja pegawai dan organisasi", "Kegiatan", "other", "kumulatif")]
    [InlineData("Persentase Desa Mandiri", "%", "other", "nilai_akhir")]
    [InlineData("Indeks Ketahanan Sosial (IKS)", null, "other", "nilai_akhir")]
    public void Rules_TagCategoryAndAggregationFromTheName(string name, string? unit, string category, string aggregation)
    {
        var result = IndicatorRules.Classify(Names.Key(name), unit);
        Assert.Equal((category, aggregation), (result.Category, result.Aggregation));
    }

    [Theory]
    [InlineData("Nilai SAKIP", "higher_is_better")]
    [InlineData("Jumlah Dokumen RKA SKPD", "higher_is_better")]
    [InlineData("Angka Kemiskinan", "lower_is_better")]
    [InlineData("Persentase penurunan angka kemiskinan", "higher_is_better")]
    [InlineData("Prevalensi Stunting", "lower_is_better")]
    public void Polarity_DefaultsToHigherIsBetter(string name, string polarity) =>
        Assert.Equal(polarity, IndicatorRules.Classify(Names.Key(name), null).Polarity);
}

public sealed class IndicatorClassifierTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private sealed record Row(string Name, string Category, string Polarity, string Aggregation, string ClassificationSource);

    private Task<List<Row>> Indicators() => Db.QueryAsync<Row>(database.DataSource, """
        select name as Name, category as Category, polarity as Polarity, aggregation as Aggregation,
               classification_source as ClassificationSource
        from dim_indicator order by name
        """);

    [Fact]
    public async Task Overrides_WinOverRulesAtLoadAndOnReclassify_ManualEditsAreKept()
    {
        var classifier = new IndicatorClassifier(database.DataSource);
        // An override that exists before the load: the loader applies it to the new indicator.
        await classifier.SetOverrideAsync(new ClassificationOverride(null, "Persentase Capaian Kinerja Pemberdayaan Masyarakat Desa dan Kelurahan",
            "sakip", null, "kumulatif", "test"));
        var document = KecamatanMangkutana.Amendments();
        await new DocumentLoader(database.DataSource).LoadAsync(document, new DocumentInfo(document.Source, 1, 1));

        var loaded = (await Indicators()).ToDictionary(r => r.Name);
        Assert.Equal(new Row("Indeks Kepuasan Masyarakat (IKM)", "ikm", "higher_is_better", "nilai_akhir", "rule"), loaded["Indeks Kepuasan Masyarakat (IKM)"]);
        Assert.Equal("sakip", loaded["Nilai Evaluasi SAKIP Hasil Evaluasi Internal Inspektorat"].Category);
        Assert.Equal("kumulatif", loaded["Jumlah Dokumen Perencanaan perangkat daerah"].Aggregation);
        Assert.Equal(new Row("Persentase Capaian Kinerja Pemberdayaan Masyarakat Desa dan Kelurahan", "sakip", "higher_is_better", "kumulatif", "override"),
            loaded["Persentase Capaian Kinerja Pemberdayaan Masyarakat Desa dan Kelurahan"]);

        // A person edits one indicator by hand; an override added later reclassifies the rest, not the edit.
        var ikmId = await Db.ScalarAsync<int>(database.DataSource, "select indicator_id from dim_indicator where name = 'Indeks Kepuasan Masyarakat (IKM)'");
        await classifier.SetManualAsync(ikmId, null, "lower_is_better", null);
        var changed = await classifier.SetOverrideAsync(new ClassificationOverride(null, "indeks kepuasan masyarakat ikm", "other", null, null));
        var dokumenOverride = await classifier.SetOverrideAsync(new ClassificationOverride(null, "Jumlah Dokumen RKA SKPD", null, "lower_is_better", "nilai_akhir"));

        var after = (await Indicators()).ToDictionary(r => r.Name);
        Assert.Equal(0, changed);
        Assert.Equal(1, dokumenOverride);
        Assert.Equal(new Row("Indeks Kepuasan Masyarakat (IKM)", "ikm", "lower_is_better", "nilai_akhir", "manual"), after["Indeks Kepuasan Masyarakat (IKM)"]);
        Assert.Equal(new Row("Jumlah Dokumen RKA SKPD", "other", "lower_is_better", "nilai_akhir", "override"), after["Jumlah Dokumen RKA SKPD"]);
    }
}
