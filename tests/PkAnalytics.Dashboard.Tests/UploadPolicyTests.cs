using System.Text;
using PkAnalytics.Dashboard.Infrastructure;

namespace PkAnalytics.Dashboard.Tests;

/// <summary>What the upload page accepts before anything is queued: type by extension and first bytes, size, name.</summary>
public sealed class UploadPolicyTests
{
    private const long TwentyMegabytes = 20L * 1024 * 1024;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n");
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00];
    private static readonly byte[] Elf = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00];

    [Theory]
    [InlineData("pk-dinas.pdf")]
    [InlineData("PK DINAS.PDF")]
    public void Pdf_WithItsSignature_IsAccepted(string name) => Assert.Null(UploadPolicy.Check(name, Pdf, TwentyMegabytes));

    [Fact]
    public void WordAndExcel_WithTheZipSignature_AreAccepted()
    {
        Assert.Null(UploadPolicy.Check("pk.docx", Zip, TwentyMegabytes));
        Assert.Null(UploadPolicy.Check("pk.xlsx", Zip, TwentyMegabytes));
    }

    [Fact]
    public void ExecutableRenamedAsADocument_IsRefusedForItsContent()
    {
        var refused = UploadPolicy.Check("laporan.pdf", Elf, TwentyMegabytes);
        Assert.NotNull(refused);
        Assert.Contains("bukan berkas .pdf", refused);
        Assert.NotNull(UploadPolicy.Check("laporan.docx", Pdf, TwentyMegabytes));
        Assert.NotNull(UploadPolicy.Check("laporan.txt", Elf.Concat(new byte[100]).ToArray(), TwentyMegabytes));
    }

    [Theory]
    [InlineData("program.exe", ".exe")]
    [InlineData("pk.doc", ".doc")]
    [InlineData("pk.pdf.sh", ".sh")]
    [InlineData("tanpa-ekstensi", "")]
    public void UnsupportedType_IsRefusedNamingIt(string name, string extension)
    {
        var refused = UploadPolicy.Check(name, Pdf, TwentyMegabytes);
        Assert.NotNull(refused);
        Assert.Contains($"jenis berkas '{extension}' tidak didukung", refused);
    }

    [Fact]
    public void OverTheLimit_OrEmpty_IsRefusedWithTheLimit()
    {
        var big = new byte[1024 * 1024 + 1];
        Pdf.CopyTo(big, 0);
        Assert.Contains("melebihi batas 1 MB", UploadPolicy.Check("besar.pdf", big, 1024 * 1024));
        Assert.Contains("kosong", UploadPolicy.Check("kosong.txt", [], TwentyMegabytes));
    }

    [Fact]
    public void Utf16TextWithItsByteOrderMark_IsAcceptedAsText()
    {
        var text = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("PERJANJIAN KINERJA TAHUN 2024")).ToArray();
        Assert.Null(UploadPolicy.Check("pk.txt", text, TwentyMegabytes));
        var bigEndian = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("PERJANJIAN")).ToArray();
        Assert.Null(UploadPolicy.Check("pk.txt", bigEndian, TwentyMegabytes));
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("..\\..\\Windows\\win.ini.txt", "win.ini.txt")]
    [InlineData("/tmp/x/pk.pdf", "pk.pdf")]
    [InlineData("a<b>c:d|e?f*.pdf", "abcdef.pdf")]
    [InlineData("...", "dokumen")]
    [InlineData(".bashrc.txt", "bashrc.txt")]
    [InlineData("pk\u0000\u001b[31m.txt", "pk[31m.txt")]
    public void FileName_IsALabelWithoutPathsOrControlCharacters(string given, string kept) =>
        Assert.Equal(kept, UploadPolicy.SafeFileName(given));

    [Fact]
    public void VeryLongFileName_IsCutKeepingItsExtension()
    {
        var kept = UploadPolicy.SafeFileName(new string('a', 500) + ".docx");
        Assert.Equal(120, kept.Length);
        Assert.EndsWith(".docx", kept);
    }
}
