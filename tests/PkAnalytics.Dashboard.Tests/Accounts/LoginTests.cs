using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Tests.Accounts;

/// <summary>Signing in, through the real login form: lockout, disabled accounts, the audit, two-factor, passwords.</summary>
public sealed partial class LoginTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<(string Email, string Password)> AccountAsync(DashboardFactory factory, string role = PkRoles.Pimpinan)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@uji.local";
        var password = AccountAdministration.GeneratePassword();
        var created = await factory.Services.GetRequiredService<AccountAdministration>().CreateAsync(ViewerScope.System, email, "Uji", role, null, password);
        Assert.True(created.Succeeded, created.Error);
        return (email, password);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountFor15Minutes_EvenAgainstTheRightPassword()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var (email, password) = await AccountAsync(factory);
        var client = factory.CreateBrowserLikeClient();

        for (var i = 0; i < 4; i++)
        {
            var wrong = await DashboardFactory.LoginAsync(client, email, "salah-salah-salah");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("E-mail atau kata sandi salah", html);
            Assert.DoesNotContain("salah-salah-salah", html); // the typed password is not sent back
        }

        var fifth = await DashboardFactory.LoginAsync(client, email, "salah-salah-salah");
        Assert.Contains("/Account/Lockout", fifth.Headers.Location!.ToString());
        var right = await DashboardFactory.LoginAsync(client, email, password);
        Assert.Contains("/Account/Lockout", right.Headers.Location!.ToString());

        await using var c = await database.DataSource.OpenConnectionAsync();
        var until = await c.ExecuteScalarAsync<DateTime>("select lockout_end from app_user where email = @email", new { email });
        Assert.InRange(until.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
    }

    [Fact]
    public async Task DisabledAccount_CannotSignIn_AndItsOpenSessionEnds()
    {
        await using var factory = new DashboardFactory(database.ConnectionString, new Dictionary<string, string> { ["Dashboard:SessionCheckSeconds"] = "0" });
        var (email, password) = await AccountAsync(factory);
        var session = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.LoginAsync(session, email, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);

        var accounts = factory.Services.GetRequiredService<AccountAdministration>();
        var id = (await accounts.ListAsync(ViewerScope.System)).Single(a => a.Email == email).Id;
        Assert.True((await accounts.SetDisabledAsync(ViewerScope.System, id, true)).Succeeded);

        var after = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString());
        var again = await DashboardFactory.LoginAsync(factory.CreateBrowserLikeClient(), email, password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("akun dinonaktifkan", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logins_AreAudited_AndNoPasswordOrCookieIsEverLogged()
    {
        const string databasePassword = "rahasia-basis-data-42";
        var connection = database.ConnectionString + $";Password={databasePassword}";
        await using var factory = new DashboardFactory(connection);
        var (email, password) = await AccountAsync(factory);
        var client = factory.CreateBrowserLikeClient();

        await DashboardFactory.LoginAsync(client, email, "bukan-sandinya-123");
        var ok = await DashboardFactory.LoginAsync(client, email, password);
        var cookie = ok.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pk.auth=", StringComparison.Ordinal)).Split(';')[0]["pk.auth=".Length..];
        await client.GetAsync("/");

        await using var c = await database.DataSource.OpenConnectionAsync();
        // (The client's address is recorded too; an in-memory server has none: the browser tests check it.)
        var rows = (await c.QueryAsync<(string Kind, string NewValue)>(
            "select kind, coalesce(new_value, '') from audit_log where actor = @email order by audit_entry_id", new { email })).ToList();
        Assert.Equal(["login_failed", "login"], rows.Select(r => r.Kind));
        Assert.Equal("e-mail atau kata sandi salah", rows[0].NewValue);

        Assert.NotEmpty(factory.LogLines);
        foreach (var secret in new[] { password, "bukan-sandinya-123", cookie[..40], databasePassword })
        {
            Assert.DoesNotContain(factory.LogLines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Passwords_ShorterThanTenCharacters_AreRefused()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var result = await factory.Services.GetRequiredService<AccountAdministration>()
            .CreateAsync(ViewerScope.System, $"pendek-{Guid.NewGuid():N}@uji.local", "Uji", PkRoles.Bappeda, null, "abcde1234");
        Assert.False(result.Succeeded);
        Assert.Contains("minimal 10 karakter", result.Error);
    }

    [Fact]
    public async Task ChangePassword_FromAkunSaya_TheOldNoLongerWorks()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var (email, password) = await AccountAsync(factory);
        var client = factory.CreateBrowserLikeClient();
        await DashboardFactory.LoginAsync(client, email, password);

        var page = await client.GetStringAsync("/Account/Manage");
        var changed = await client.PostAsync("/Account/Manage", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = DashboardFactory.AntiforgeryToken().Match(page).Groups[1].Value,
            ["_handler"] = "change-password",
            ["Input.OldPassword"] = password,
            ["Input.NewPassword"] = "kata sandi baru yang panjang",
            ["Input.ConfirmPassword"] = "kata sandi baru yang panjang",
        }));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await DashboardFactory.LoginAsync(factory.CreateBrowserLikeClient(), email, password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.LoginAsync(factory.CreateBrowserLikeClient(), email, "kata sandi baru yang panjang")).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_RequiredForTheRole_MustBeSetUpFirst_ThenEveryLoginAsksForTheCode()
    {
        await using var factory = new DashboardFactory(database.ConnectionString);
        var (email, password) = await AccountAsync(factory, PkRoles.Bappeda);
        await factory.Services.GetRequiredService<AccountAdministration>().SetTwoFactorPolicyAsync(ViewerScope.System, PkRoles.Bappeda, true);
        try
        {
            // Signed in, but until an authenticator is set up every page leads to the setup.
            var client = factory.CreateBrowserLikeClient();
            await DashboardFactory.LoginAsync(client, email, password);
            var home = await client.GetAsync("/");
            Assert.Contains("/Account/AccessDenied", home.Headers.Location!.ToString());
            var denied = await client.GetAsync(home.Headers.Location);
            Assert.Contains("/Account/Manage/TwoFactor", denied.Headers.Location!.ToString());
            Assert.Contains("/Account/AccessDenied", (await client.GetAsync("/ekspor/perbandingan/sakip.csv")).Headers.Location!.ToString());

            var setupResponse = await client.GetAsync("/Account/Manage/TwoFactor");
            Assert.True(setupResponse.IsSuccessStatusCode, string.Join("\n", factory.LogLines.Where(l => l.StartsWith("Error", StringComparison.Ordinal))));
            var setup = await setupResponse.Content.ReadAsStringAsync();
            var key = AuthenticatorKey().Match(setup).Groups[1].Value;
            Assert.NotEmpty(key);
            Assert.Contains("<svg", setup);
            var enabled = await client.PostAsync("/Account/Manage/TwoFactor", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = DashboardFactory.AntiforgeryToken().Match(setup).Groups[1].Value,
                ["_handler"] = "enable-2fa",
                ["Input.Code"] = Totp.Code(key),
            }));
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

            // The next login: password, then the code.
            var next = factory.CreateBrowserLikeClient();
            var first = await DashboardFactory.LoginAsync(next, email, password);
            Assert.Contains("/Account/LoginWith2fa", first.Headers.Location!.ToString());
            var form = await next.GetStringAsync(first.Headers.Location);
            var wrong = await next.PostAsync(first.Headers.Location, CodeForm(form, "000000" == Totp.Code(key) ? "111111" : "000000"));
            Assert.Contains("Kode autentikator salah", await wrong.Content.ReadAsStringAsync());
            var right = await next.PostAsync(first.Headers.Location, CodeForm(await next.GetStringAsync(first.Headers.Location), Totp.Code(key)));
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/")).StatusCode);
        }
        finally
        {
            await factory.Services.GetRequiredService<AccountAdministration>().SetTwoFactorPolicyAsync(ViewerScope.System, PkRoles.Bappeda, false);
        }
    }

    private static FormUrlEncodedContent CodeForm(string page, string code) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = DashboardFactory.AntiforgeryToken().Match(page).Groups[1].Value,
        ["_handler"] = "login-with-2fa",
        ["Input.TwoFactorCode"] = code,
    });

    [GeneratedRegex("data-authenticator-key=\"([A-Z2-7]+)\"")]
    private static partial Regex AuthenticatorKey();
}
