namespace PkAnalytics.Bench;

/// <summary>One `pk bench NAME ...` benchmark; discovered by reflection. Prints its figures on stdout.</summary>
public interface IBenchmark
{
    string Name { get; }

    /// <summary>One line for `pk bench help`, starting with the usage.</summary>
    string Summary { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
