using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProbeResult = PkAnalytics.Bench.UsersBenchmark.ProbeResult;

namespace PkAnalytics.Bench.Users;

/// <summary>
/// One dashboard user without a browser: it signs in through the login form over HTTP, loads a page (the prerendered
/// HTML, then a Blazor Server circuit over SignalR with the blazorpack protocol, as blazor.web.js opens it) and
/// navigates inside the circuit, acknowledging every render batch and answering the page's JavaScript calls as a
/// browser would (a chart's size, whether the screen is narrow). The server does all of its real work - the circuit,
/// the queries, the rendering and diffing - while the client costs next to nothing, so 50 of them on the server's own
/// two cores measure the server rather than fifty browsers' layout and painting.
/// A page is done when the render batch with its data has arrived, the charts have been drawn after their size was
/// answered, and the circuit has sent nothing more for <see cref="Quiet"/>; its time is that of the last batch.
/// </summary>
internal sealed partial class CircuitClient(string baseUrl) : IAsyncDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    private readonly CookieContainer cookies = new();
    private HttpClient? http;
    private HubConnection? connection;
    private string? circuitId;
    private Navigation? current;

    private HttpClient Http => http ??= new HttpClient(new SocketsHttpHandler
    {
        CookieContainer = cookies,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Errors seen outside a page wait (a circuit closed between pages, a JS.Error while thinking).</summary>
    public Action<string>? OnBackgroundError { get; init; }

    /// <summary>The login form, filled and posted as a browser does (its antiforgery token and handler name included).</summary>
    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var form = await Http.GetStringAsync("/Account/Login", cancellationToken);
        var fields = HiddenInputs().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        using var response = await Http.PostAsync("/Account/Login", new FormUrlEncodedContent(fields), cancellationToken);
        var location = response.Headers.Location?.ToString() ?? "";
        if ((int)response.StatusCode is < 300 or >= 400 || location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"sign-in as {email}: HTTP {(int)response.StatusCode}, location '{location}' (expected a redirect away from the login page)");
        }
    }

    /// <summary>A full page load: a new circuit, as a reload or a typed address gives.</summary>
    public async Task<ProbeResult> LoadAsync(string url, string kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await CloseCircuitAsync();
        var navigation = current = new Navigation(kind, full: true);
        using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        navigation.ResponseEnd = navigation.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            return navigation.Fail($"HTTP {(int)response.StatusCode} {url}");
        }

        if (response.Headers.Location is not null || html.Contains("name=\"Input.Password\"", StringComparison.Ordinal))
        {
            return navigation.Fail($"{url} asked to sign in again");
        }

        var markers = ServerMarkers().Matches(html).Select(m => JsonNode.Parse(m.Groups["json"].Value)!).ToList();
        if (markers.Count == 0)
        {
            return navigation.Fail($"{url}: no interactive component marker in the page");
        }

        var state = ComponentState().Match(html) is { Success: true } s ? s.Groups["state"].Value : "";
        connection = Connect();
        await connection.StartAsync(cancellationToken);
        navigation.SocketOpen = navigation.Elapsed;
        var page = new Uri(new Uri(baseUrl), url).ToString();
        circuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUrl + "/", page, "[]", state, cancellationToken);
        if (string.IsNullOrEmpty(circuitId))
        {
            return navigation.Fail("the server refused to start a circuit");
        }

        var operations = new JsonArray(markers.Select((marker, i) => (JsonNode)new JsonObject
        {
            ["type"] = "add",
            ["ssrComponentId"] = i + 1,
            ["marker"] = marker,
        }).ToArray());
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await connection.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, cancellationToken);
        return await navigation.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>An in-app navigation in the open circuit, as a click on a link (Blazor.navigateTo) sends it.</summary>
    public async Task<ProbeResult> NavigateAsync(string url, string kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (connection is not { State: HubConnectionState.Connected })
        {
            return await LoadAsync(url, kind, timeout, cancellationToken);
        }

        var navigation = current = new Navigation(kind, full: false);
        await connection.SendAsync("OnLocationChanged", new Uri(new Uri(baseUrl), url).ToString(), null, true, cancellationToken);
        return await navigation.WaitAsync(timeout, cancellationToken);
    }

    private HubConnection Connect()
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/_blazor", HttpTransportType.WebSockets, options => options.Cookies = cookies);
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromSeconds(60);

        hub.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async (args, _) =>
        {
            var batchId = (long)args[0]!;
            var batch = (byte[])args[1]!;
            Trace($"batch {batchId}: {batch.Length} bytes");
            current?.Batch(batch);
            await hub.SendAsync("OnRenderCompleted", batchId, null);
        }, this);
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async (args, _) =>
        {
            var handle = (long)args[0]!;
            var identifier = (string)args[1]!;
            Trace($"js {identifier} (handle {handle})");
            current?.JavaScriptCall(identifier);
            if (handle != 0)
            {
                var result = JsonSerializer.Serialize(new object?[] { handle, true, Answer(identifier) });
                await hub.SendAsync("EndInvokeJSFromDotNet", handle, true, result);
            }
        }, this);
        hub.On("JS.Error", [typeof(string)], (args, _) =>
        {
            Fault($"circuit: {args[0]}");
            return Task.CompletedTask;
        }, this);
        foreach (var ignored in new[] { "JS.AttachComponent", "JS.EndInvokeDotNet", "JS.EndUpdateRootComponents", "JS.EndLocationChanging", "JS.ReceiveByteArray", "JS.SavePersistedState" })
        {
            hub.On(ignored, [], (_, _) => Task.CompletedTask, this);
        }

        hub.Closed += error =>
        {
            if (error is not null)
            {
                Fault($"circuit: connection closed ({error.GetType().Name}: {error.Message})");
            }

            return Task.CompletedTask;
        };
        return hub;
    }

    /// <summary>PK_BENCH_CIRCUIT_TRACE=1 prints what each circuit receives (render batch sizes, JavaScript calls) to stderr.</summary>
    private void Trace(string what)
    {
        if (Tracing)
        {
            Console.Error.WriteLine($"circuit {circuitId?[..Math.Min(8, circuitId.Length)]} {current?.Elapsed:0} ms: {what}");
        }
    }

    private static readonly bool Tracing = Environment.GetEnvironmentVariable("PK_BENCH_CIRCUIT_TRACE") == "1";

    private void Fault(string what)
    {
        if (current is { } navigation && navigation.Fault(what))
        {
            return;
        }

        OnBackgroundError?.Invoke(what);
    }

    /// <summary>What a laptop's browser answers to the page's JavaScript: a chart's size, a wide screen (no phone media query), nothing else.</summary>
    private static object? Answer(string identifier) => identifier switch
    {
        "Radzen.createChart" or "Radzen.createGauge" => new { width = 640, height = 300 },
        "pk.isNarrow" or "Radzen.mediaQuery" => false,
        _ => null,
    };

    /// <summary>Closes the circuit as a browser leaving the page does: the disconnect beacon, then the WebSocket.</summary>
    private async Task CloseCircuitAsync()
    {
        var closing = connection;
        var id = circuitId;
        connection = null;
        circuitId = null;
        current = null;
        if (closing is null)
        {
            return;
        }

        if (id is not null)
        {
            try
            {
                using var form = new MultipartFormDataContent { { new StringContent(id), "circuitId" } };
                using var _ = await Http.PostAsync("/_blazor/disconnect", form);
            }
            catch (HttpRequestException)
            {
            }
        }

        await closing.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseCircuitAsync();
        http?.Dispose();
    }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex HiddenInputs();

    /// <summary>A start marker of a server component (its end marker has only the prerender id).</summary>
    [GeneratedRegex("""<!--Blazor:(?<json>\{"type":"server".*?\})-->""")]
    private static partial Regex ServerMarkers();

    [GeneratedRegex("""<!--Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=]+)-->""")]
    private static partial Regex ComponentState();

    /// <summary>One page visit: what its render batches showed, and when.</summary>
    private sealed class Navigation(string kind, bool full)
    {
        private static readonly byte[] Loading = Entry("pk-loading");
        private static readonly byte[] Alert = Entry("alert");
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly byte[] data = Entry(kind switch
        {
            "agency" => "cascade",
            _ => "pk-grid", // overview and comparison: their grid of cards is rendered only with the data
        });
        private readonly object gate = new();
        private double? lastBatch;
        private double lastEvent;
        private bool chartPending;
        private string? error;
        private bool finished;

        public double? ResponseEnd { get; set; }

        public double? SocketOpen { get; set; }

        public double Elapsed => clock.Elapsed.TotalMilliseconds;

        private double? LoadingAt { get; set; }

        private double? DataAt { get; set; }

        public void Batch(byte[] batch)
        {
            lock (gate)
            {
                var now = Elapsed;
                lastBatch = lastEvent = now;
                chartPending = false;
                if (LoadingAt is null && batch.AsSpan().IndexOf(Loading) >= 0)
                {
                    LoadingAt = now;
                }

                if (DataAt is null && batch.AsSpan().IndexOf(data) >= 0)
                {
                    DataAt = now;
                }
                else if (DataAt is null && batch.AsSpan().IndexOf(Alert) >= 0)
                {
                    error ??= "page: an alert instead of the data (" + Excerpt(batch) + ")";
                }
            }
        }

        public void JavaScriptCall(string identifier)
        {
            lock (gate)
            {
                lastEvent = Elapsed;
                // A chart is drawn in the render that follows its size: the page is not done before that batch.
                chartPending |= identifier is "Radzen.createChart" or "Radzen.createGauge";
            }
        }

        /// <summary>Records a fault against this visit; false once the visit is over (the fault is then the session's).</summary>
        public bool Fault(string what)
        {
            lock (gate)
            {
                if (finished)
                {
                    return false;
                }

                error ??= what;
                return true;
            }
        }

        public ProbeResult Fail(string what)
        {
            Fault(what);
            return new ProbeResult { Error = what, ResponseEnd = ResponseEnd };
        }

        public async Task<ProbeResult> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            while (true)
            {
                await Task.Delay(20, cancellationToken);
                lock (gate)
                {
                    var now = Elapsed;
                    finished = error is not null || (DataAt is not null && !chartPending && now - lastEvent >= Quiet.TotalMilliseconds) ||
                               now >= timeout.TotalMilliseconds;
                    if (error is not null)
                    {
                        return new ProbeResult { Error = error, ResponseEnd = ResponseEnd, SocketOpen = SocketOpen };
                    }

                    if (DataAt is not null && !chartPending && now - lastEvent >= Quiet.TotalMilliseconds)
                    {
                        return new ProbeResult
                        {
                            Done = lastBatch,
                            FirstData = full ? ResponseEnd : DataAt,
                            LiveData = DataAt,
                            LoadingAt = LoadingAt,
                            ResponseEnd = ResponseEnd,
                            SocketOpen = SocketOpen,
                        };
                    }

                    if (now >= timeout.TotalMilliseconds)
                    {
                        return new ProbeResult
                        {
                            Error = $"timeout: the circuit did not render the {kind} page within {timeout.TotalSeconds:0} s " +
                                    $"(loading seen {LoadingAt is not null}, data seen {DataAt is not null}, chart pending {chartPending}, last batch at {lastBatch:0} ms)",
                        };
                    }
                }
            }
        }

        /// <summary>A render batch's string table writes each string as a 7-bit length and its UTF-8 bytes.</summary>
        private static byte[] Entry(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            return [(byte)bytes.Length, .. bytes];
        }

        private static string Excerpt(byte[] batch)
        {
            var text = Regex.Replace(Encoding.UTF8.GetString(batch), @"[^\p{L}\p{N} .,:-]+", " ");
            return text.Length > 160 ? text[..160] : text;
        }
    }

    /// <summary>Blazor's hub speaks "blazorpack": the MessagePack hub protocol under its own name.</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol inner = new();

        public string Name => "blazorpack";

        public int Version => inner.Version;

        public TransferFormat TransferFormat => inner.TransferFormat;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
    }
}
