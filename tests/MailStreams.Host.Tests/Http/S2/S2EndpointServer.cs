using MailStreams.Hosting;
using MailStreams.Host.Http.S2;
using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Store.S2;
using MailStreams.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MailStreams.Host.Tests.Http.S2;

/// <summary>The S2-compatible endpoint over a fresh embedded store, on Kestrel at a free loopback port (no actors).</summary>
public sealed class S2EndpointServer : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private WebApplication? _app;

    public S2EndpointSettings Settings { get; } = new()
    {
        PingMinInterval = TimeSpan.FromMilliseconds(200),
        PingMaxInterval = TimeSpan.FromMilliseconds(400),
    };

    public string BaseUrl { get; private set; } = "";

    /// <summary>The endpoint URL a client is configured with (one custom endpoint: the client sends s2-basin).</summary>
    public string Endpoint => BaseUrl + S2EndpointSettings.PathPrefix;

    public IStreamStore Store => _app!.Services.GetRequiredService<IStreamStore>();

    public S2Settings ClientSettings(string? token = null) => new()
    {
        Endpoint = Endpoint,
        AccessToken = token ?? "test-token",
        DiscoveryInterval = TimeSpan.FromMilliseconds(100),
        HeartbeatTimeout = TimeSpan.FromSeconds(5),
        BackoffBase = TimeSpan.FromMilliseconds(20),
        BackoffCap = TimeSpan.FromMilliseconds(200),
    };

    internal S2StreamStore Client(string? token = null) => new(ClientSettings(token), "test-basin");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IStreamStore>(_ => new SqliteStreamStore(_directory.File("streams.db")));
        _app = builder.Build();
        _app.MapS2Endpoint(Settings);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _directory.Dispose();
    }
}
