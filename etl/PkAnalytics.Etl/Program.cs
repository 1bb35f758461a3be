using System.Globalization;
using PkAnalytics.Etl.Commands;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

// Not disposed: ProcessExit may fire after Main returns, and cancelling a disposed source would crash the exit.
var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// SIGTERM (systemd, docker stop, ./pk up's Ctrl-C) stops the work the same way: what is in flight rolls back or is
// handed back, and the process exits on its own once it has.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

try
{
    return await CommandLine.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
}
catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine($"pk etl: {e.Message}");
    return 1;
}
