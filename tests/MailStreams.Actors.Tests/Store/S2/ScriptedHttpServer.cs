using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MailStreams.Actors.Tests.Store.S2;

/// <summary>
/// Kestrel on a free loopback port answering each request with the next step of a script (S2 transcripts),
/// recording every request. A request beyond the script gets 599.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<Func<HttpContext, CapturedRequest, Task>> _script;
    private readonly List<CapturedRequest> _requests = [];

    private ScriptedHttpServer(WebApplication app, IEnumerable<Func<HttpContext, CapturedRequest, Task>> script)
    {
        _app = app;
        _script = new Queue<Func<HttpContext, CapturedRequest, Task>>(script);
    }

    public string Url { get; private set; } = "";

    public IReadOnlyList<CapturedRequest> Requests { get { lock (_requests) return [.. _requests]; } }

    public static async Task<ScriptedHttpServer> StartAsync(params Func<HttpContext, CapturedRequest, Task>[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        var app = builder.Build();
        var server = new ScriptedHttpServer(app, script);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>A step answering with a status and a JSON text.</summary>
    public static Func<HttpContext, CapturedRequest, Task> Json(int status, string json) => async (http, _) =>
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json);
    };

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var target = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var request = new CapturedRequest(http.Request.Method, target, headers, body);
        Func<HttpContext, CapturedRequest, Task>? step;
        lock (_requests)
        {
            _requests.Add(request);
            _script.TryDequeue(out step);
        }
        if (step is null)
        {
            http.Response.StatusCode = 599;
            return;
        }
        await step(http, request);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
