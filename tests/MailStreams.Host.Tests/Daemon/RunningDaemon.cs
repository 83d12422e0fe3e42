using MailStreams.Host.Daemon;
using MailStreams.Store;
using MailStreams.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>The real daemon (Kestrel on a free loopback port, actors, SQLite) in this process, on a given data directory.</summary>
internal sealed class RunningDaemon : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningDaemon(WebApplication app, string url)
    {
        _app = app;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Url { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;
    public IStreamStore Store => _app.Services.GetRequiredService<IStreamStore>();

    public static async Task<RunningDaemon> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MailStreams:DataDirectory"] = dataDirectory,
            ["MailStreams:ToolsDirectory"] = RepoPaths.Tools,
            ["MailStreams:BaseDomain"] = "example.com",
            ["MailStreams:Resend:ApiKey"] = "",
            ["MailStreams:Outbox:RatePerSecond"] = "100",
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var app = DaemonApp.Build(settings);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningDaemon(app, url);
    }

    public Task<IReadOnlyList<StreamRecord>> ReadAsync(string stream) => Store.ReadAllAsync(stream);

    /// <summary>Waits (following the stream, no polling) until it holds at least <paramref name="count"/> records.</summary>
    public async Task<IReadOnlyList<StreamRecord>> WaitForRecordsAsync(string stream, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var seen = new List<StreamRecord>();
        try
        {
            await foreach (var record in Store.FollowAsync(stream, 0, cts.Token))
            {
                seen.Add(record);
                if (seen.Count >= count) return seen;
            }
        }
        catch (OperationCanceledException) { }
        throw new TimeoutException($"{stream} has {seen.Count} records, expected {count}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
