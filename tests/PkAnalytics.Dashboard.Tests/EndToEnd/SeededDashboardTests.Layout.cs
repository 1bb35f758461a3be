using Microsoft.Playwright;
using PkAnalytics.Warehouse.Accounts;

namespace PkAnalytics.Dashboard.Tests.EndToEnd;

/// <summary>Every page at the office laptop's and a phone's size: nothing scrolls sideways, the phone menu works.</summary>
public sealed partial class SeededDashboardTests
{
    /// <summary>
    /// Every page of the dashboard, each opened by a role that may see it (the operator for the entry pages, so
    /// their inputs are there). A page added without a line here is caught by <see cref="EveryRoute_IsInThePageList"/>.
    /// </summary>
    private async Task<IReadOnlyList<(string Name, string Path, string? Role)>> EveryPageAsync()
    {
        var dpmd = await AgencyIdAsync("Dinas Pemberdayaan Masyarakat dan Desa");
        return
        [
            ("ringkasan", "/", PkRoles.Pimpinan),
            ("perbandingan", "/perbandingan?tahun=2024", PkRoles.Bappeda),
            ("opd", "/opd", PkRoles.Pimpinan),
            ("opd-detail", $"/opd/{dpmd}?tahun=2024", PkRoles.Pimpinan),
            ("temuan", "/temuan", PkRoles.Bappeda),
            ("dokumen", "/dokumen", PkRoles.Bappeda),
            ("realisasi", "/realisasi", PkRoles.Bappeda),
            ("realisasi-indikator", "/realisasi/indikator", PkRoles.Operator),
            ("realisasi-anggaran", "/realisasi/anggaran", PkRoles.Operator),
            ("realisasi-sakip", "/realisasi/sakip", PkRoles.Operator),
            ("realisasi-ikm", "/realisasi/ikm", PkRoles.Operator),
            ("realisasi-pengaturan", "/realisasi/pengaturan", PkRoles.Bappeda),
            ("langganan", "/langganan", PkRoles.Bappeda),
            ("langganan-riwayat", "/langganan/riwayat", PkRoles.Bappeda),
            ("admin-pengguna", "/admin/pengguna", PkRoles.Admin),
            ("admin-audit", "/admin/audit", PkRoles.Admin),
            ("akun", "/Account/Manage", PkRoles.Operator),
            ("akun-2fa", "/Account/Manage/TwoFactor", PkRoles.Operator),
            ("akses-ditolak", "/Account/AccessDenied", PkRoles.Operator),
            ("masuk", "/Account/Login", null),
            ("terkunci", "/Account/Lockout", null),
            ("galat", "/Error", null),
            ("tidak-ditemukan", "/halaman-yang-tidak-ada", PkRoles.Pimpinan),
            ("tidak-ditemukan-langsung", "/tidak-ditemukan", PkRoles.Operator),
        ];
    }

    [Fact]
    public async Task EveryRoute_IsInThePageList()
    {
        var listed = (await EveryPageAsync()).Select(p => p.Path.Split('?')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false))
            .Cast<Microsoft.AspNetCore.Components.RouteAttribute>()
            .Select(r => r.Template)
            .Where(t => !t.Contains('{', StringComparison.Ordinal) && t is not ("/ringkasan" or "/Account/LoginWith2fa"))
            .ToList();
        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(route, listed));
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task EveryPage_FitsTheWindowWidth_AndIsPhotographed(int width, int height)
    {
        var problems = new List<string>();
        foreach (var (name, path, role) in await EveryPageAsync())
        {
            var page = await server.OpenAsync(path, width, height, role);
            if (role is not null)
            {
                Assert.DoesNotContain("/Account/Login", page.Url); // the page itself, not the sign-in form
            }

            // The document, and the layout's own scrolling body, are never wider than the window.
            var widths = await page.EvaluateAsync<int[]>("""
                () => {
                    const body = document.querySelector('.rz-body');
                    return [document.documentElement.scrollWidth, window.innerWidth,
                            body ? body.scrollWidth - body.clientWidth : 0];
                }
                """);
            if (widths[0] > widths[1])
            {
                problems.Add($"{path} ({role}): the document is {widths[0]} px wide in a {widths[1]} px window");
            }

            if (widths[2] > 0)
            {
                problems.Add($"{path} ({role}): the page body scrolls {widths[2]} px sideways");
            }

            await server.ScreenshotAsync(page, $"{name}-{width}");
            var text = await page.InnerTextAsync("body");
            Assert.DoesNotContain("Basis data tidak dapat dihubungi", text);
            if (name != "galat")
            {
                Assert.DoesNotContain("Terjadi kesalahan", text);
            }

            await page.Context.CloseAsync();
            if (path == "/Account/Manage/TwoFactor")
            {
                // Opening it gives the account a new authenticator key, which ends its sessions: sign in anew.
                server.ForgetSignIn(role!);
            }
        }

        Assert.Empty(problems);
    }
}
