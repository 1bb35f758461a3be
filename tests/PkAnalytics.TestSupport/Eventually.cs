namespace PkAnalytics.TestSupport;

/// <summary>Waits on a condition instead of a fixed sleep: polls until it holds or a generous timeout passes.</summary>
public static class Eventually
{
    /// <summary>The first value that satisfies the condition, or the last one read when the timeout passed.</summary>
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
