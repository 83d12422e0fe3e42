using MailStreams.Hosting;
using MailStreams.Host.Http.S2;
using MailStreams.Store;
using MailStreams.Store.Embedded;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MailStreams.Host.Bench;

/// <summary>The daemon's S2-compatible endpoint over an embedded store in a given folder, on a free loopback port.</summary>
internal sealed class LoopbackS2Endpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackS2Endpoint(WebApplication app, string url)
    {
        _app = app;
        Endpoint = url + S2EndpointSettings.PathPrefix;
    }

    public string Endpoint { get; }

    public static async Task<LoopbackS2Endpoint> StartAsync(string databasePath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IStreamStore>(_ => new SqliteStreamStore(databasePath));
        var app = builder.Build();
        app.MapS2Endpoint(new S2EndpointSettings());
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackS2Endpoint(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
