using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace PkAnalytics.Reports.Delivery;

/// <summary>What became of a message: sent (with the server's answer) or failed (with the last answer or error).</summary>
public sealed record SendResult(bool Sent, int Attempts, string Detail, bool Permanent)
{
    public static SendResult Success(int attempts, string answer) => new(true, attempts, answer, false);

    public static SendResult Failure(int attempts, string detail, bool permanent) => new(false, attempts, detail, permanent);
}

/// <summary>
/// Sends one message with MailKit to the configured server (PK_SMTP_*). Transient failures (connection refused or
/// dropped, timeouts, 4xx answers) are retried with exponential backoff; a 5xx answer is final at once. The result
/// carries the server's own answer, for the delivery log.
/// </summary>
public sealed class SmtpSender(ReportOptions options, ILogger<SmtpSender>? logger = null)
{
    private readonly ILogger log = logger ?? (ILogger)NullLogger.Instance;

    /// <param name="beforeAttempt">Called with the attempt number (1, 2, ...) before each attempt.</param>
    public async Task<SendResult> SendAsync(MimeMessage message, Func<int, Task>? beforeAttempt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Smtp;
        if (!smtp.IsConfigured)
        {
            return SendResult.Failure(0, "Server SMTP belum diatur (PK_SMTP_HOST kosong).", permanent: true);
        }

        var delay = smtp.FirstRetryDelay;
        var last = "";
        for (var attempt = 1; attempt <= Math.Max(1, smtp.MaxAttempts); attempt++)
        {
            if (beforeAttempt is not null)
            {
                await beforeAttempt(attempt);
            }

            var progress = new DataProgress();
            try
            {
                var answer = await SendOnceAsync(message, progress, cancellationToken);
                return SendResult.Success(attempt, "250 " + answer);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                return SendResult.Failure(attempt, Answer(e), permanent: true);
            }
            catch (AuthenticationException e)
            {
                return SendResult.Failure(attempt, "Autentikasi SMTP ditolak: " + e.Message, permanent: true);
            }
            catch (Exception e) when (progress.WholeMessageWritten && e is not SmtpCommandException && !progress.Delivered)
            {
                // The whole message went out and the server's final answer did not come back: it may have been
                // accepted. Sending it again could deliver it twice, so this is final; the log says to check.
                log.LogWarning("SMTP to {To}: no answer after the whole message was sent ({Error}); not resent.", message.To, Describe(e));
                return SendResult.Failure(attempt,
                    $"Server SMTP tidak menjawab setelah seluruh laporan terkirim ({Describe(e)}); laporan mungkin sudah diterima, " +
                    "jadi tidak dikirim ulang agar tidak ganda. Periksa kotak masuk penerima.", permanent: true);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                last = e is SmtpCommandException command ? Answer(command) : Describe(e);
                log.LogWarning("SMTP attempt {Attempt} to {To} failed: {Error}", attempt, message.To, last);
            }

            if (attempt < smtp.MaxAttempts)
            {
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }

        return SendResult.Failure(smtp.MaxAttempts, $"Gagal setelah {smtp.MaxAttempts} percobaan; jawaban terakhir: {last}", permanent: false);
    }

    private async Task<string> SendOnceAsync(MimeMessage message, DataProgress progress, CancellationToken cancellationToken)
    {
        var smtp = options.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = smtp.StartTls switch
        {
            StartTlsMode.Never => SecureSocketOptions.None,
            StartTlsMode.Always when smtp.Port == 465 => SecureSocketOptions.SslOnConnect,
            StartTlsMode.Always => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }

        var answer = await client.SendAsync(message, cancellationToken, progress);
        progress.Delivered = true;
        try
        {
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception e) when (IsTransient(e))
        {
            // The server already said 250; a QUIT that fails changes nothing about the delivery.
            log.LogDebug("SMTP QUIT after a delivered message failed: {Error}", Describe(e));
        }

        return answer;
    }

    /// <summary>Tells whether the message's last byte was written (after that, a lost answer is ambiguous).</summary>
    private sealed class DataProgress : ITransferProgress
    {
        public bool WholeMessageWritten { get; private set; }

        public bool Delivered { get; set; }

        public void Report(long bytesTransferred, long totalSize)
        {
            if (totalSize > 0 && bytesTransferred >= totalSize)
            {
                WholeMessageWritten = true;
            }
        }

        public void Report(long bytesTransferred)
        {
        }
    }

    private static bool IsTransient(Exception e) => e is SmtpCommandException or SmtpProtocolException or SocketException
        or IOException or ServiceNotConnectedException or TimeoutException or OperationCanceledException;

    private static string Answer(SmtpCommandException e) => $"{(int)e.StatusCode} {e.Message}".Trim();

    private static string Describe(Exception e) => e switch
    {
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
