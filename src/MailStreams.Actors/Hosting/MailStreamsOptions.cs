namespace MailStreams.Hosting;

/// <summary>
/// Everything the daemon is configured with (section <c>MailStreams</c>; the seed's environment variables such as
/// <c>BASE_DOMAIN</c> and <c>RESEND_API_KEY</c> are mapped onto it by <see cref="EnvironmentAliases"/>).
/// </summary>
public sealed class MailStreamsOptions
{
    public const string Section = "MailStreams";

    /// <summary>Where the stream store, the Akka journal and written replies live.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Our mail domains, comma-separated (<c>BASE_DOMAIN</c>). The first is used for the From of replies.</summary>
    public string BaseDomain { get; set; } = "example.com";

    /// <summary>The folder holding the tools module (index.js exporting one function per inbox).</summary>
    public string ToolsDirectory { get; set; } = "tools";

    /// <summary><c>tools</c> (default): only inboxes that have a tool get mail; <c>all</c>: every local part on our domains.</summary>
    public string RouteUnknownInboxes { get; set; } = "tools";

    /// <summary>Token required by <c>POST /api/messages</c> from non-loopback clients; without it only loopback may post.</summary>
    public string? AdminToken { get; set; }

    public ResendSettings Resend { get; set; } = new();
    public OutboxSettings Outbox { get; set; } = new();
    public PipelineSettings Pipeline { get; set; } = new();
    public ToolsSettings Tools { get; set; } = new();
    public StoreSettings Store { get; set; } = new();
    public LoopGuardSettings LoopGuard { get; set; } = new();
    public LimitsSettings Limits { get; set; } = new();

    public IReadOnlyList<string> Domains =>
        BaseDomain.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                  .Select(d => d.ToLowerInvariant()).ToArray();

    public string PrimaryDomain => Domains.FirstOrDefault() ?? "example.com";

    public bool RoutesOnlyToTools => !string.Equals(RouteUnknownInboxes, "all", StringComparison.OrdinalIgnoreCase);

    public string FullPath(string relative) => Path.GetFullPath(Path.Combine(DataDirectory, relative));
}

public sealed class ResendSettings
{
    public string BaseUrl { get; set; } = "https://api.resend.com";
    /// <summary><c>RESEND_API_KEY</c>. Without it replies are written as .eml files under the data directory.</summary>
    public string? ApiKey { get; set; }
    /// <summary><c>RESEND_WEBHOOK_SECRET</c> (<c>whsec_…</c>); several may be given comma-separated during rotation.</summary>
    public string? WebhookSecret { get; set; }
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How many times the received email's content is fetched before it goes to <c>dead/ingress</c>.</summary>
    public int FetchAttempts { get; set; } = 8;
    public TimeSpan FetchBackoffBase { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan FetchBackoffCap { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed class OutboxSettings
{
    /// <summary>Client-side send rate (Resend's default team limit is 2–5 requests/s).</summary>
    public double RatePerSecond { get; set; } = 2;
    public int MaxAttempts { get; set; } = 10;
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed class PipelineSettings
{
    /// <summary>How many times a failing tool call is tried before the email goes to <c>dead/inbox/&lt;name&gt;</c>.</summary>
    public int ToolAttempts { get; set; } = 3;
    public TimeSpan ToolTimeout { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RestartMinBackoff { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan RestartMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
