using System.Reflection;

namespace MailStreams.Sending.Resend;

/// <summary>How to reach Resend's API (bound from configuration; <c>RESEND_API_KEY</c> fills <see cref="ApiKey"/>).</summary>
internal sealed class ResendOptions
{
    public const string DefaultBaseUrl = "https://api.resend.com";

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The <c>re_…</c> key; never written to logs, results or exception messages.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Upper bound for one request including reading the response.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>How long to wait after a daily or monthly quota 429 (retrying sooner cannot succeed).</summary>
    public TimeSpan QuotaRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>mailstreams/&lt;version&gt;</c> from the assembly's informational version, without build metadata.</summary>
    public static string DefaultUserAgent { get; } = "mailstreams/" + Version();

    private static string Version()
    {
        var assembly = typeof(ResendOptions).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3);
        return string.IsNullOrWhiteSpace(version) ? "0.0.0" : version;
    }
}
