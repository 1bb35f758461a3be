using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Dashboard.Components.Account;

public static class PkPolicies
{
    /// <summary>Signed in, even when the role's second factor is still to be set up (the account pages).</summary>
    public const string SignedIn = "SignedIn";
}

/// <summary>
/// Local accounts with ASP.NET Core Identity on the warehouse's EF model: cookie sign-in, lockout after 5 failures
/// for 15 minutes, passwords of 10 characters or more, optional TOTP (required per role by an Admin), data-protection
/// keys in PostgreSQL so every dashboard process reads every cookie. Every endpoint requires a signed-in account
/// unless it says otherwise (the login pages, static assets, /health).
/// </summary>
public static class AccountSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.TryAddScoped(provider => provider.GetRequiredService<IDbContextFactory<WarehouseDbContext>>().CreateDbContext());
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<PkUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true; // "confirmed" = not disabled (PkUserConfirmation)
                options.Password.RequiredLength = 10;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WarehouseDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PkClaimsPrincipalFactory>()
            .AddErrorDescriber<IndonesianIdentityErrorDescriber>();
        services.AddScoped<IUserConfirmation<PkUser>, PkUserConfirmation>();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "pk.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        // The same rules for Identity's other cookies (two-factor sign-in, remembered device).
        services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            if (options.Cookie.SameSite == SameSiteMode.None || options.Cookie.SameSite == SameSiteMode.Unspecified)
            {
                options.Cookie.SameSite = SameSiteMode.Lax;
            }
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<Microsoft.Extensions.Options.IOptions<DashboardOptions>>(
            (options, dashboard) => options.ValidationInterval = TimeSpan.FromSeconds(dashboard.Value.SessionCheckSeconds));
        services.AddDataProtection()
            .PersistKeysToDbContext<WarehouseDbContext>()
            .SetApplicationName("PkAnalytics");
        services.AddSingleton<IAuthorizationHandler, TwoFactorSetUpHandler>();
        services.AddAuthorization(options =>
        {
            options.AddPolicy(PkPolicies.SignedIn, policy => policy.RequireAuthenticatedUser());
            options.DefaultPolicy = new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new TwoFactorSetUpRequirement())
                .Build();
            options.FallbackPolicy = options.DefaultPolicy;
        });
        services.AddScoped<AccountAdministration>();
        services.AddScoped<SignInAudit>();
        return services;
    }

    /// <summary>POST /Account/Logout (a form with its antiforgery token): signs out and records it.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async Task<IResult> (HttpContext context, SignInManager<PkUser> signInManager, SignInAudit audit) =>
        {
            // No form field is bound here, so the antiforgery outcome is checked by hand.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return TypedResults.BadRequest("Permintaan keluar tanpa token antiforgery yang sah.");
            }

            var who = context.User.Identity?.Name ?? "?";
            await signInManager.SignOutAsync();
            await audit.RecordAsync(AuditKinds.Logout, who, context, "Keluar");
            return TypedResults.LocalRedirect("~/Account/Login");
        })
        .RequireAuthorization(PkPolicies.SignedIn)
        .WithMetadata(new RequireAntiforgeryTokenAttribute()); // a cross-site post cannot sign anyone out
        return endpoints;
    }
}

/// <summary>Met unless the account's role requires a second factor it has not set up yet.</summary>
internal sealed class TwoFactorSetUpRequirement : IAuthorizationRequirement;

internal sealed class TwoFactorSetUpHandler : AuthorizationHandler<TwoFactorSetUpRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorSetUpRequirement requirement)
    {
        if (!context.User.HasClaim(PkClaims.TwoFactorSetupRequired, "true"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
