using System.Text;

namespace PkAnalytics.Domain.Text;

/// <summary>Turns the bytes of a text file (a document, a CSV import) into a string: UTF-8 (with or without BOM),
/// UTF-16 (BOM or NUL-pattern), else Windows-1252 (what Excel on Indonesian Windows saves). Reports binary content
/// instead of guessing.</summary>
public static class TextDecoding
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    public static bool TryDecode(byte[] content, out string text, out string problem) => TryDecode(content, out text, out problem, out _);

    /// <summary>As <see cref="TryDecode(byte[], out string, out string)"/>, also naming the encoding that was read.</summary>
    public static bool TryDecode(byte[] content, out string text, out string problem, out string encoding)
    {
        text = string.Empty;
        problem = string.Empty;
        encoding = "UTF-8";
        if (content.Length == 0)
        {
            problem = "berkas kosong";
            return false;
        }

        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF)
        {
            text = Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }
        else if (content.Length >= 2 && content[0] == 0xFF && content[1] == 0xFE)
        {
            text = Encoding.Unicode.GetString(content, 2, content.Length - 2);
            encoding = "UTF-16";
        }
        else if (content.Length >= 2 && content[0] == 0xFE && content[1] == 0xFF)
        {
            text = Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2);
            encoding = "UTF-16";
        }
        else if (LooksLikeUtf16(content, out var bigEndian))
        {
            text = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(content);
            encoding = "UTF-16";
        }
        else
        {
            try
            {
                text = StrictUtf8.GetString(content);
            }
            catch (DecoderFallbackException)
            {
                text = Windows1252(content);
                encoding = "Windows-1252";
            }
        }

        if (LooksBinary(text))
        {
            problem = "berkas bukan teks (isinya biner)";
            text = string.Empty;
            return false;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "berkas tidak berisi teks";
            return false;
        }

        return true;
    }

    private static bool LooksLikeUtf16(byte[] content, out bool bigEndian)
    {
        bigEndian = false;
        var n = Math.Min(content.Length, 4096) & ~1;
        if (n < 4)
        {
            return false;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < n; i += 2)
        {
            if (content[i] == 0)
            {
                evenZeros++;
            }

            if (content[i + 1] == 0)
            {
                oddZeros++;
            }
        }

        var pairs = n / 2;
        if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05)
        {
            return true;
        }

        if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05)
        {
            bigEndian = true;
            return true;
        }

        return false;
    }

    /// <summary>Windows-1252 without the code-pages provider: Latin-1 plus the 0x80-0x9F punctuation block.</summary>
    private static string Windows1252(byte[] content)
    {
        const string high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
        var chars = new char[content.Length];
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            chars[i] = b is >= 0x80 and <= 0x9F ? high[b - 0x80] : (char)b;
        }

        return new string(chars);
    }

    private static bool LooksBinary(string text)
    {
        var n = Math.Min(text.Length, 65536);
        if (n == 0)
        {
            return false;
        }

        var bad = 0;
        for (var i = 0; i < n; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == '\uFFFD')
            {
                bad++;
            }
        }

        return bad > n / 20 + 2;
    }
}
