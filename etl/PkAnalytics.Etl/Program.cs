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
AppDomain.CurrentDomain.ProcessExit += (_, _) => cancellation.Cancel();

try
{
    return await CommandLine.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
}
catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine($"pk etl: {e.Message}");
    return 1;
}
