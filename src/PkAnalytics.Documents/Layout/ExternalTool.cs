using System.Diagnostics;
using System.Text;

namespace PkAnalytics.Documents.Layout;

/// <summary>An external program run as a bounded subprocess: a time limit, its output captured, and a clear
/// error naming the Debian package when the program is missing.</summary>
internal sealed class ExternalTool(string executable, string package)
{
    public string Executable { get; } = executable;

    public string Package { get; } = package;

    public sealed record Result(bool Ok, string Output, byte[] Bytes, string Problem);

    public Result Run(IEnumerable<string> arguments, TimeSpan timeout, bool binaryOutput = false, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!binaryOutput)
        {
            start.StandardOutputEncoding = Encoding.UTF8;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                start.Environment[k] = v;
            }
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return new Result(false, string.Empty, [], Missing());
            }

            var stderr = process.StandardError.ReadToEndAsync();
            Task<string>? text = null;
            Task<byte[]>? bytes = null;
            if (binaryOutput)
            {
                bytes = ReadAllAsync(process.StandardOutput.BaseStream);
            }
            else
            {
                text = process.StandardOutput.ReadToEndAsync();
            }

            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                try
                {
                    process.Kill(true);
                }
                catch (InvalidOperationException)
                {
                }

                return new Result(false, string.Empty, [], $"{Executable} tidak selesai dalam {timeout.TotalSeconds:0} detik");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                return new Result(false, string.Empty, [], $"{Executable} gagal (kode keluar {process.ExitCode}): {Truncate(stderr.Result.Trim())}");
            }

            return new Result(true, text?.Result ?? string.Empty, bytes?.Result ?? [], string.Empty);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new Result(false, string.Empty, [], Missing());
        }
    }

    private string Missing() => $"{Executable} tidak ditemukan: pasang paket {Package} (apt-get install {Package})";

    private static string Truncate(string s) => s.Length > 300 ? s[..300] + "..." : s;

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var ms = new MemoryStream();
        await stream.CopyToAsync(ms).ConfigureAwait(false);
        return ms.ToArray();
    }
}
