using System.Text.RegularExpressions;

namespace PkAnalytics.Warehouse.Loading;

/// <summary>How an indicator is read: its category, polarity and aggregation over quarters.</summary>
public sealed record IndicatorClass(string Category, string Polarity, string Aggregation);

/// <summary>
/// The classification rules over an indicator's normalised name (<see cref="Names.Key"/>) and unit. Overrides
/// (table indicator_classification_override) and manual edits take precedence; see <see cref="IndicatorClassifier"/>.
/// </summary>
public static partial class IndicatorRules
{
    public const string Sakip = "sakip";
    public const string Ikm = "ikm";
    public const string Other = "other";
    public const string HigherIsBetter = "higher_is_better";
    public const string LowerIsBetter = "lower_is_better";
    public const string Kumulatif = "kumulatif";
    public const string NilaiAkhir = "nilai_akhir";

    public static IndicatorClass Classify(string normalizedName, string? unit)
    {
        var name = normalizedName;
        var category = SakipWords().IsMatch(name) ? Sakip
            : IkmWords().IsMatch(name) ? Ikm
            : Other;
        // "Persentase penurunan angka kemiskinan" measures the decrease itself: higher is better.
        var polarity = LowerIsBetterWords().IsMatch(name) && !DecreaseWords().IsMatch(name) ? LowerIsBetter : HigherIsBetter;
        return new IndicatorClass(category, polarity, Aggregation(name, unit));
    }

    private static string Aggregation(string name, string? unit)
    {
        var unitKey = unit is null ? "" : Names.Key(unit);
        // SAKIP and IKM values, percentages: the latest value counts.
        if (category(name) || unit?.Contains('%') == true)
        {
            return NilaiAkhir;
        }

        // "Jumlah ..." counts something, whatever words follow ("Jumlah kegiatan monitoring capaian kinerja").
        if (LeadingCount().IsMatch(name))
        {
            return Kumulatif;
        }

        // Indices, percentages, scores, ratios, grades: the latest value counts.
        if (LevelWords().IsMatch(name) || LevelUnits().IsMatch(unitKey))
        {
            return NilaiAkhir;
        }

        // Counts of documents, reports, people, activities: the quarters add up.
        if (CountWords().IsMatch(name) || CountUnits().IsMatch(unitKey))
        {
            return Kumulatif;
        }

        return NilaiAkhir;

        static bool category(string n) => SakipWords().IsMatch(n) || IkmWords().IsMatch(n);
    }

    [GeneratedRegex(@"(^| )(sakip|akip|akuntabilitas kinerja( instansi pemerintah)?)( |$)")]
    private static partial Regex SakipWords();

    [GeneratedRegex(@"(^| )(ikm|skm|indeks kepuasan masyarakat|survei kepuasan masyarakat|survey kepuasan masyarakat|kepuasan masyarakat)( |$)")]
    private static partial Regex IkmWords();

    [GeneratedRegex(@"(^| )(persentase|prosentase|presentase|indeks|nilai|skor|rasio|rata rata|tingkat|angka|predikat|opini|capaian|proporsi|prevalensi|laju|derajat|kualitas)( |$)")]
    private static partial Regex LevelWords();

    [GeneratedRegex(@"^(persen|nilai|indeks|skor|poin|point|rasio|predikat|angka|level|tingkat|kategori)$")]
    private static partial Regex LevelUnits();

    [GeneratedRegex(@"^(jumlah|banyaknya|total) ")]
    private static partial Regex LeadingCount();

    [GeneratedRegex(@"(^| )(jumlah|banyaknya|terlaksananya|tersusunnya|tersedianya|terselenggaranya)( |$)")]
    private static partial Regex CountWords();

    [GeneratedRegex(@"(^| )(dokumen|laporan|orang|jiwa|kegiatan|kali|paket|unit|buah|berkas|boks|box|organisasi|desa|lembaga|keluarga|kk|peserta|eksemplar|surat|izin|sertifikat|rekomendasi|bulan|perda|perbup|opd|mou|investor|pelaku usaha)( |$)")]
    private static partial Regex CountUnits();

    [GeneratedRegex(@"(^| )(penurunan|menurunnya|berkurangnya|pengurangan)( |$)")]
    private static partial Regex DecreaseWords();

    [GeneratedRegex(@"(^| )(angka kemiskinan|tingkat pengangguran|angka kematian|prevalensi|jumlah temuan|persentase temuan|angka putus sekolah|tingkat kriminalitas|jumlah pelanggaran|jumlah kasus|lama waktu|rata rata waktu|persentase penduduk miskin)( |$)")]
    private static partial Regex LowerIsBetterWords();
}
