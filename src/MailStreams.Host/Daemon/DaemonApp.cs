using MailStreams.Hosting;
using MailStreams.Tools;
using MailStreams.Host.Http;

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
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });

        var options = builder.Configuration.GetSection(MailStreamsOptions.Section).Get<MailStreamsOptions>() ?? new MailStreamsOptions();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMailStreams(options);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        var app = builder.Build();
        app.Services.GetRequiredService<ActiveTools>(); // load the tools now: a broken tools folder stops the start with its error
        app.MapGet("/healthz", () => Results.Json(new { status = "alive" }));
        app.MapWebhooks();
        app.MapMessages();
        app.MapStreams();
        app.MapDeadLetters();
        app.MapReplay();
        return app;
    }
}
