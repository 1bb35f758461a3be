using System.Diagnostics;
using System.Globalization;
using PkAnalytics.Domain.Agreements;

namespace PkAnalytics.Etl.Inbox;

/// <summary>
/// Parses a document in a child process (`pk-etl parse-one`) with a hard memory limit (the .NET GC heap) and a
/// time limit, so no document - however broken or hostile - can take the worker's memory or hang it: the child is
/// killed and the item fails with the reason. What the child read comes back as the transfer JSON.
/// </summary>
public sealed class BoundedParser(string executable, TimeSpan timeout, long memoryBytes)
{
    /// <summary>A parser running this same executable (pk-etl), as the worker does.</summary>
    public static BoundedParser ForThisExecutable(TimeSpan timeout, long memoryBytes) =>
        new(Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown"), timeout, memoryBytes);

    public ParsedDocument Parse(string fileName, byte[] content)
    {
        var folder = Directory.CreateTempSubdirectory("pk-parse-");
        try
        {
            // The name keeps only its extension (which picks the reader); the content is what it is.
            var path = Path.Combine(folder.FullName, "dokumen" + Path.GetExtension(fileName).ToLowerInvariant());
            File.WriteAllBytes(path, content);
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "parse-one", path, "--source", fileName })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_GCHeapHardLimit"] = memoryBytes.ToString("X", CultureInfo.InvariantCulture);
            start.Environment["DOTNET_gcServer"] = "0";
            using var process = Process.Start(start) ?? throw new DocumentParseException($"{fileName}: proses pembaca dokumen tidak dapat dijalankan");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new DocumentParseException(
                    $"{fileName}: pembacaan dokumen melebihi batas waktu {timeout.TotalSeconds:0} detik dan dihentikan");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var message = error.Result;
                throw new DocumentParseException(message.Contains("OutOfMemory", StringComparison.Ordinal) || message.Contains("Out of memory", StringComparison.OrdinalIgnoreCase)
                    ? $"{fileName}: pembacaan dokumen melebihi batas memori {memoryBytes / 1024 / 1024} MB dan dihentikan"
                    : $"{fileName}: pembaca dokumen berhenti dengan kode {process.ExitCode}: {Last(message, 300)}");
            }

            return ParsedDocumentTransfer.Deserialize(output.Result);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Last(string text, int length)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= length ? trimmed : "..." + trimmed[^length..];
    }
}

/// <summary>A document the bounded parser could not read (time, memory, crash); the message is for people.</summary>
public sealed class DocumentParseException(string message) : Exception(message);
