using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PkAnalytics.Reports.Delivery;
using PkAnalytics.Reports.Model;
using PkAnalytics.Reports.Rendering;
using PkAnalytics.Reports.Subscriptions;

namespace PkAnalytics.Reports;

public static class ReportServiceCollectionExtensions
{
    /// <summary>
    /// Report rendering (one chromium per process), subscriptions and delivery. Needs AddWarehouse. Options from the
    /// "Reports" section, the dashboard's time zone, then the PK_* variables.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ReportOptions();
        if (configuration["Dashboard:TimeZone"] is { Length: > 0 } zone)
        {
            options.TimeZone = zone;
        }

        configuration.GetSection(ReportOptions.SectionName).Bind(options);
        options.FromEnvironment();
        return services.AddReports(options);
    }

    public static IServiceCollection AddReports(this IServiceCollection services, ReportOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ReportDataReader>();
        services.AddSingleton<ReportHtmlRenderer>();
        services.AddSingleton<PdfPrinter>();
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<SmtpSender>();
        services.AddSingleton<DeliveryClaims>();
        services.AddSingleton<ReportDeliveryService>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<RecipientAccounts>();
        return services;
    }
}
