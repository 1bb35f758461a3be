using System.Diagnostics;
using System.Text;
using PkAnalytics.Domain.Agreements;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Documents.Tests;

/// <summary>Fuzzing: whatever the input, the parser returns agreements or a clear error finding, never throws, in
/// bounded time and memory.</summary>
public sealed class RobustnessTests
{
    private static readonly TimeSpan PerDocument = TimeSpan.FromSeconds(10);

    private static ParsedDocument ParseBounded(string source, byte[] content)
    {
        var watch = Stopwatch.StartNew();
        var doc = DocumentParser.Parse(source, content);
        watch.Stop();
        Assert.True(watch.Elapsed < PerDocument, $"{source}: {content.Length} bytes took {watch.Elapsed}");
        Assert.True(doc.Agreements.Count > 0 || doc.Findings.Count > 0, $"{source}: neither agreements nor a finding");
        foreach (var f in doc.Findings.Concat(doc.Agreements.SelectMany(a => a.Findings)))
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Message), $"{source}: finding {f.Code} without a message");
            Assert.True(f.Line >= 0, $"{source}: finding {f.Code} at line {f.Line}");
        }

        // The contract JSON can always be written.
        Assert.StartsWith("{", ParsedDocumentJson.Serialize([doc]));
        return doc;
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Seeds() =>
        Repo.SeedFiles.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)));

    [Fact]
    public void RandomTruncations_NeverThrowAndStayBounded()
    {
        var random = new Random(20240104);
        foreach (var (name, bytes) in Seeds())
        {
            for (var i = 0; i < 25; i++)
            {
                var cut = random.Next(0, bytes.Length);
                ParseBounded($"{name}[..{cut}]", bytes[..cut].Length == 0 ? [(byte)' '] : bytes[..cut]);
            }
        }
    }

    [Fact]
    public void LineShuffles_NeverThrow()
    {
        var random = new Random(7);
        foreach (var (name, bytes) in Seeds())
        {
            var lines = Encoding.UTF8.GetString(bytes).Split('\n');
            for (var i = 0; i < 5; i++)
            {
                var shuffled = lines.OrderBy(_ => random.Next()).ToArray();
                ParseBounded($"{name} shuffled {i}", Encoding.UTF8.GetBytes(string.Join('\n', shuffled)));
            }

            // Blocks of lines swapped: tables separated from their covers, covers inside tables.
            var blocks = lines.Chunk(37).OrderBy(_ => random.Next()).SelectMany(c => c);
            ParseBounded($"{name} blocks", Encoding.UTF8.GetBytes(string.Join('\n', blocks)));
        }
    }

    [Fact]
    public void ByteFlips_NeverThrow()
    {
        var random = new Random(1234);
        foreach (var (name, bytes) in Seeds())
        {
            for (var i = 0; i < 10; i++)
            {
                var copy = (byte[])bytes.Clone();
                var flips = random.Next(1, 200);
                for (var k = 0; k < flips; k++)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                ParseBounded($"{name} flipped {i}", copy);
            }
        }
    }

    [Theory]
    [InlineData("empty.txt")]
    [InlineData("empty.docx")]
    [InlineData("empty.pdf")]
    public void EmptyFile_GivesAnUnreadableDocumentError(string source)
    {
        var doc = ParseBounded(source, []);

        var f = Assert.Single(doc.Findings);
        Assert.Equal(("unreadable_document", FindingSeverity.Error), (f.Code, f.Severity));
        Assert.Empty(doc.Agreements);
    }

    [Theory]
    [InlineData("random.txt")]
    [InlineData("random.docx")]
    [InlineData("random.pdf")]
    [InlineData("random.doc")]
    public void BinaryGarbage_GivesAnUnreadableDocumentErrorNamingTheFile(string source)
    {
        var bytes = new byte[100_000];
        new Random(99).NextBytes(bytes);

        var doc = ParseBounded(source, bytes);

        var f = Assert.Single(doc.Findings);
        Assert.Equal("unreadable_document", f.Code);
        Assert.Contains(source, f.Message);
    }

    [Fact]
    public void PngRenamedToTxt_IsUnreadable()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0];

        Assert.Equal("unreadable_document", Assert.Single(ParseBounded("image.txt", png).Findings).Code);
    }

    [Fact]
    public void TextWithoutAnyAgreement_SaysSo()
    {
        var doc = ParseBounded("notes.txt", Encoding.UTF8.GetBytes("Rapat koordinasi\nSenin, 4 Maret 2024\nTidak ada perjanjian di sini.\n"));

        Assert.Empty(doc.Agreements);
        var f = Assert.Single(doc.Findings);
        Assert.Equal(("no_agreement", FindingSeverity.Error), (f.Code, f.Severity));
    }

    [Fact]
    public void FiftyMegabyteFile_IsParsedInBoundedTimeAndMemory()
    {
        var seeds = Seeds().Select(s => Encoding.UTF8.GetString(s.Bytes)).ToList();
        var perSet = seeds.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
        var sb = new StringBuilder(52 * 1024 * 1024);
        var sets = 0;
        while (sb.Length < 50 * 1024 * 1024)
        {
            foreach (var s in seeds)
            {
                sb.Append(s).Append('\n');
            }

            sets++;
        }

        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        sb.Clear();
        var before = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();

        var doc = DocumentParser.Parse("big.txt", bytes);

        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes() - before;
        Assert.True(bytes.Length >= 50 * 1024 * 1024);
        Assert.Equal(31 * sets, doc.Agreements.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(3), $"50 MB took {watch.Elapsed}");
        Assert.True(allocated < 40L * bytes.Length, $"allocated {allocated / 1024 / 1024} MB for {bytes.Length / 1024 / 1024} MB");
        Assert.True(perSet > 0);
    }

    [Fact]
    public void Windows1252Text_GivesTheSameAgreementsAsUtf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var cp1252 = Encoding.GetEncoding(1252, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        foreach (var (name, bytes) in Seeds())
        {
            var text = Encoding.UTF8.GetString(bytes);
            var legacy = cp1252.GetBytes(text);

            var utf8 = DocumentParser.Parse(name, bytes);
            var ansi = ParseBounded(name, legacy);

            Assert.Equal(utf8.Agreements.Select(Summary), ansi.Agreements.Select(Summary));
        }
    }

    [Theory]
    [InlineData("utf-16LE with BOM")]
    [InlineData("utf-16LE without BOM")]
    [InlineData("utf-16BE with BOM")]
    [InlineData("utf-8 with BOM")]
    public void UnicodeEncodings_GiveTheSameAgreementsAsUtf8(string encoding)
    {
        foreach (var (name, bytes) in Seeds())
        {
            var text = Encoding.UTF8.GetString(bytes);
            byte[] encoded = encoding switch
            {
                "utf-16LE with BOM" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
                "utf-16LE without BOM" => Encoding.Unicode.GetBytes(text),
                "utf-16BE with BOM" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
                _ => [.. Encoding.UTF8.GetPreamble(), .. bytes],
            };

            var expected = DocumentParser.Parse(name, bytes);
            var actual = ParseBounded(name, encoded);

            Assert.Equal(ParsedDocumentJson.Serialize([expected with { Sha256 = "" }]), ParsedDocumentJson.Serialize([actual with { Sha256 = "" }]));
        }
    }

    [Fact]
    public void MissingFile_GivesAnUnreadableDocumentError()
    {
        var doc = DocumentParser.ParseFile(Path.Combine(Path.GetTempPath(), "pk-no-such-file-" + Guid.NewGuid() + ".txt"));

        Assert.Equal("unreadable_document", Assert.Single(doc.Findings).Code);
    }

    private static string Summary(Agreement a) =>
        $"{a.Line} {a.FirstParty.Name.Length} {a.Date} {a.Indicators.Count} {a.Budget.Count} {a.Budget.Sum(b => b.Amount)} {a.ExplanationTargets.Count}";
}
