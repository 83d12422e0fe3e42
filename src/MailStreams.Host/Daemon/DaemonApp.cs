using MailStreams.Hosting;
using MailStreams.Store;
using MailStreams.Tools;
using MailStreams.Host.Health;
using MailStreams.Host.Http;
using MailStreams.Host.Secrets;
using MailStreams.Host.Http.S2;

namespace MailStreams.Host.Daemon;

/// <summary>
/// Builds the daemon: configuration (appsettings.json, <c>MailStreams__*</c> and the seed's variable names, then the
/// command line's settings), Kestrel with the HTTP endpoints, and the actor system. Used by <c>run</c>, <c>demo</c>
/// and the tests alike.
/// </summary>
public static class DaemonApp
{
    public const string DefaultUrl = "http://127.0.0.1:8025";

    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(EnvironmentAliases.From(Environment.GetEnvironmentVariable));
        builder.Configuration.AddInMemoryCollection(settings);
        SecretsConfiguration.Add(builder.Configuration, settings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Host.UseSystemd(); // Type=notify under systemd (journald levels); nothing changes elsewhere
        builder.AddMailStreamsTelemetry();

        var options = builder.Configuration.GetSection(MailStreamsOptions.Section).Get<MailStreamsOptions>() ?? new MailStreamsOptions();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMailStreams(options);
        builder.Services.AddMailStreamsHealth();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        var app = builder.Build();
        // The store first: services are disposed in reverse order of creation, so it outlives the actor system.
        app.Services.GetRequiredService<IStreamStore>();
        app.Services.GetRequiredService<WebhookEndpointState>(); // a webhook secret that is not base64 stops the start, saying so
        var tools = app.Services.GetRequiredService<ActiveTools>().Current; // loaded now: a broken tools folder stops the start with its error
        app.Logger.LogInformation("MailStreams: data in {Data}, tools {Tools} from {Folder}, replies {Sender}, domains {Domains}",
            Path.GetFullPath(options.DataDirectory), string.Join(", ", tools.ToolNames), tools.Folder,
            string.IsNullOrEmpty(options.Resend.ApiKey) ? "written to " + options.FullPath("sent") : "sent through Resend",
            string.Join(", ", options.Domains));
        app.MapHealth();
        app.MapWebhooks();
        app.MapMessages();
        app.MapStreams();
        app.MapTools();
        if (options.Store.Endpoint.Enabled && options.Store.ResolveBackend() == StoreSettings.Embedded)
            app.MapS2Endpoint(options.Store.Endpoint);
        app.MapDeadLetters();
        app.MapReplay();
        return app;
    }
}
