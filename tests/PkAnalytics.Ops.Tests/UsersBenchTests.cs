using System.Globalization;
using System.Text.RegularExpressions;
using PkAnalytics.TestSupport;

namespace PkAnalytics.Ops.Tests;

/// <summary>
/// `pk bench users`, small: its own database, dashboard process and users. The load figure is only worth something if
/// the circuit client still signs users in, opens real circuits and sees each page's data and charts rendered as the
/// dashboard changes; a page that no longer renders what the client waits for, a circuit the server rejects or an
/// error in the server's log makes this run fail.
/// </summary>
public sealed class UsersBenchTests
{
    [Fact]
    public async Task BenchUsers_SmallRun_RendersEveryPageInRealCircuits_WithoutErrors()
    {
        var (code, output, error) = await OpsProcess.BenchAsync(TestDatabase.AdminConnectionString,
            "users", "--users", "3", "--minutes", "0.3", "--think", "1", "--documents", "60", "--realisation", "3000");

        Assert.True(code == 0, $"pk bench users exited with {code}:\n{output}\n{error}");
        Assert.Contains("ramp-up: 3 of 3 sessions signed in", output);
        foreach (var page in new[] { "overview", "agency", "comparison" })
        {
            var row = Regex.Match(output, $@"^{page}\s+in-app\s+(\d+)\s", RegexOptions.Multiline);
            Assert.True(row.Success && int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) > 0, $"no in-app view of {page} measured:\n{output}");
        }

        Assert.Matches(@"(?m)^errors: 0 ", output);
        Assert.Contains("target met: 3 users", output);
    }
}
