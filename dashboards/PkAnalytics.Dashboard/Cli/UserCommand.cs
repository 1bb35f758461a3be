using PkAnalytics.Dashboard.Components.Account;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Dashboard.Cli;

/// <summary>
/// `pk-dashboard user add|reset-password|list|bootstrap`: accounts for scripts and for the Admin who forgot a
/// password. Runs as the system (recorded in the audit log as "system"); a password is read from stdin with
/// --password-stdin, else generated and printed once.
/// </summary>
public static class UserCommand
{
    private const string Usage = """
        usage: pk dashboard user add --email E --role admin|pimpinan|bappeda|operator [--agency ID] [--name N] [--password-stdin]
               pk dashboard user reset-password --email E [--password-stdin]
               pk dashboard user list
               pk dashboard user bootstrap [--demo]     (a new database: one Admin, with --demo one account per role)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 1 ? args[1] : "";
        var options = Parse(args.Skip(2).ToArray());
        if (options is null || verb is not ("add" or "reset-password" or "list" or "bootstrap"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder([]);
        builder.Logging.ClearProviders();
        builder.AddDashboard();
        await using var app = builder.Build();
        if (!(await app.Services.GetRequiredService<SchemaMigrator>().GetStatusAsync()).IsCurrent)
        {
            Console.Error.WriteLine("pk dashboard user: the database schema is not current; run ./pk etl migrate first.");
            return 1;
        }

        var accounts = app.Services.GetRequiredService<AccountAdministration>();
        switch (verb)
        {
            case "list":
                foreach (var a in await accounts.ListAsync(ViewerScope.System))
                {
                    Console.WriteLine($"{a.Email}\t{a.Role}\t{a.AgencyName ?? "-"}\t{(a.IsDisabled ? "nonaktif" : "aktif")}\t{(a.TwoFactorEnabled ? "2FA" : "-")}");
                }

                return 0;
            case "bootstrap":
                var created = await accounts.BootstrapAsync(options.ContainsKey("--demo"));
                foreach (var account in created)
                {
                    Console.WriteLine($"{account.Role}\t{account.Email}\t{account.Password}");
                }

                return 0;
        }

        if (!options.TryGetValue("--email", out var email) || string.IsNullOrWhiteSpace(email))
        {
            Console.Error.WriteLine("pk dashboard user: --email is required\n" + Usage);
            return 2;
        }

        var password = options.ContainsKey("--password-stdin") ? Console.In.ReadLine()?.TrimEnd('\r', '\n') : null;
        AccountResult result;
        if (verb == "add")
        {
            var role = PkRoles.All.FirstOrDefault(r => string.Equals(r, options.GetValueOrDefault("--role"), StringComparison.OrdinalIgnoreCase));
            if (role is null)
            {
                Console.Error.WriteLine("pk dashboard user: --role must be admin, pimpinan, bappeda or operator\n" + Usage);
                return 2;
            }

            int? agency = int.TryParse(options.GetValueOrDefault("--agency"), out var id) ? id : null;
            result = await accounts.CreateAsync(ViewerScope.System, email, options.GetValueOrDefault("--name") ?? "", role, agency, password);
        }
        else
        {
            result = await accounts.ResetPasswordAsync(ViewerScope.System, email, password);
        }

        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"pk dashboard user {verb}: {result.Error}");
            return 1;
        }

        Console.WriteLine(result.NewPassword is { } generated
            ? $"{email}: password {generated} (shown once; the account can change it under Akun saya)"
            : $"{email}: done");
        return 0;
    }

    private static Dictionary<string, string>? Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--password-stdin" or "--demo":
                    options[args[i]] = "";
                    break;
                case "--email" or "--role" or "--agency" or "--name" when i + 1 < args.Length:
                    options[args[i]] = args[++i];
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
