namespace MailStreams.Store.S2;

/// <summary>
/// How the S2 backend reaches its basin (configuration <c>MailStreams:Store:S2</c>; <c>S2_ACCESS_TOKEN</c>,
/// <c>S2_BASIN</c> and <c>S2_ENDPOINT</c> map onto it).
/// </summary>
public sealed class S2Settings
{
    public const string CloudEndpoint = "https://{basin}.b.s2.dev/v1";

    /// <summary>
    /// The basin-plane base URL. With <c>{basin}</c> in it the basin is chosen by host name (S2's cloud); without,
    /// it is one custom endpoint (s2-lite, the daemon's <c>/s2/v1</c>) and every request names the basin in <c>s2-basin</c>.
    /// </summary>
    public string Endpoint { get; set; } = CloudEndpoint;

    /// <summary><c>S2_BASIN</c>; when empty, <c>BASE_DOMAIN</c>'s first domain with dots as hyphens.</summary>
    public string? Basin { get; set; }

    /// <summary><c>S2_ACCESS_TOKEN</c>, sent as <c>Authorization: Bearer</c>.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Retention of streams this backend creates; null (the default) is infinite: mail must not expire after S2's 7 days.</summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>Timeout of one unary request attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts of a retryable request (408, 429, 5xx, timeouts) before its error surfaces.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A read session that gets no event (batch or ping) for this long is dead and is resumed.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How often stream discovery lists the basin (S2 has no stream-creation feed). Not tail polling: tails follow by SSE.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsSingleEndpoint => !Endpoint.Contains("{basin}", StringComparison.Ordinal);

    /// <summary>Why these settings cannot reach <paramref name="basin"/>, or null when they can.</summary>
    public string? Problem(string basin)
    {
        if (basin.Length is < 8 or > 48 || !basin.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || basin[0] == '-' || basin[^1] == '-')
            return $"S2 basin '{basin}' is not valid: 8-48 characters of a-z, 0-9 and '-', not starting or ending with '-' (set S2_BASIN)";
        if (!Uri.TryCreate(Endpoint.Replace("{basin}", basin, StringComparison.Ordinal), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return $"S2 endpoint '{Endpoint}' is not an http(s) URL (set S2_ENDPOINT)";
        if (MaxAttempts < 1 || RequestTimeout <= TimeSpan.Zero || HeartbeatTimeout <= TimeSpan.Zero || DiscoveryInterval <= TimeSpan.Zero)
            return "S2 settings: MaxAttempts must be >= 1 and RequestTimeout, HeartbeatTimeout, DiscoveryInterval positive";
        return null;
    }

    /// <summary>The basin name to use: <see cref="Basin"/>, else derived from the mail domain.</summary>
    public static string BasinFor(string? basin, string primaryDomain) =>
        string.IsNullOrWhiteSpace(basin) ? primaryDomain.Trim().ToLowerInvariant().Replace('.', '-') : basin.Trim();
}
