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

    private static byte[] SeedsRepeated(int megabytes)
    {
        var seeds = Seeds().Select(s => Encoding.UTF8.GetString(s.Bytes)).ToList();
        var sb = new StringBuilder((megabytes + 1) * 1024 * 1024);
        while (sb.Length < megabytes * 1024 * 1024)
        {
            foreach (var s in seeds)
            {
                sb.Append(s).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public void FiftyMegabyteText_IsRefusedAsTooLarge_NamingTheReason_WithoutReadingIt()
    {
        var bytes = SeedsRepeated(66);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var doc = DocumentParser.Parse("besar.txt", bytes);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(doc.Agreements);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal((DocumentLimits.FindingCode, FindingSeverity.Error), (finding.Code, finding.Severity));
        Assert.Contains("melebihi batas 64 MB", finding.Message);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes to refuse it"); // the hash only
    }

    [Fact]
    public void FiveMegabytesOfRepeatedAgreements_IsReadInBoundedMemory_AndRefusedForItsAgreementCount()
    {
        var bytes = SeedsRepeated(5);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var doc = DocumentParser.Parse("berulang.txt", bytes);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(doc.Agreements);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(DocumentLimits.FindingCode, finding.Code);
        Assert.Matches(@"berisi [\d.]+ perjanjian kinerja, melebihi batas 500", finding.Message);
        Assert.True(allocated < 60L * bytes.Length, $"allocated {allocated / 1024 / 1024} MB for {bytes.Length / 1024 / 1024} MB");
    }

    [Fact]
    public void ZipBombDocx_ThatExpandsAThousandfold_IsRefusedWithoutExpandingIt()
    {
        // A .docx of ~250 KB whose document.xml expands to 250 MB of spaces.
        using var file = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }

            Add("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            using var body = zip.CreateEntry("word/document.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            body.Write("""<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">"""u8);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 250; i++)
            {
                body.Write(spaces);
            }

            body.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }

        var bytes = file.ToArray();
        Assert.True(bytes.Length < 2 * 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var doc = DocumentParser.Parse("bom.docx", bytes);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(DocumentLimits.FindingCode, finding.Code);
        Assert.Contains("lebih dari 200 MB setelah dibuka", finding.Message);
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB to refuse it");
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
