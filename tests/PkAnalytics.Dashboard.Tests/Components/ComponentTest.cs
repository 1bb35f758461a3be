using Bunit;
using Radzen;

namespace PkAnalytics.Dashboard.Tests.Components;

/// <summary>A bUnit context as the dashboard configures one: Radzen's services, JS interop answered loosely.</summary>
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
    }
}
