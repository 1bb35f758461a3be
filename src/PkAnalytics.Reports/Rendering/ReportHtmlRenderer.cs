using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PkAnalytics.Reports.Components;
using PkAnalytics.Reports.Model;

namespace PkAnalytics.Reports.Rendering;

/// <summary>Renders <see cref="ReportDocument"/> to one self-contained HTML page on the server (no circuit, no browser).</summary>
public sealed class ReportHtmlRenderer(ILoggerFactory? loggerFactory = null)
{
    private readonly IServiceProvider services = new ServiceCollection().BuildServiceProvider();
    private readonly ILoggerFactory logging = loggerFactory ?? NullLoggerFactory.Instance;

    public async Task<string> RenderAsync(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        await using var renderer = new HtmlRenderer(services, logging);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<ReportDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ReportDocument.Data)] = data,
            }));
            return output.ToHtmlString();
        });
    }
}
