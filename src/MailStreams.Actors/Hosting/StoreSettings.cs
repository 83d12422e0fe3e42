using MailStreams.Store.S2;

namespace MailStreams.Hosting;

/// <summary>
/// Which stream store the daemon uses (<c>MailStreams:Store</c>): <c>Backend</c> = <c>embedded</c> (SQLite in the data
/// directory, the default) or <c>s2</c>; with <c>S2_ACCESS_TOKEN</c> set and no backend named, it is <c>s2</c>.
/// </summary>
public sealed class StoreSettings
{
    public const string Embedded = "embedded";
    public const string S2Backend = "s2";

    /// <summary><c>embedded</c> or <c>s2</c>; empty means: <c>s2</c> when an S2 access token is configured, else <c>embedded</c>.</summary>
    public string? Backend { get; set; }

    public S2Settings S2 { get; set; } = new();

    /// <summary>Emails whose JSON is larger go to the blob store (data directory <c>blobs/</c>); the record holds the reference.</summary>
    public int BlobThresholdBytes { get; set; } = Ingress.InboxWriter.DefaultBlobThreshold;

    /// <summary>The S2-compatible endpoint the daemon serves over its embedded store.</summary>
    public S2EndpointSettings Endpoint { get; set; } = new();

    /// <summary>The backend to use, or an error naming the bad value.</summary>
    public string ResolveBackend()
    {
        var named = Backend?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(named)) return string.IsNullOrEmpty(S2.AccessToken) ? Embedded : S2Backend;
        if (named is Embedded or S2Backend) return named;
        throw new InvalidOperationException($"MailStreams:Store:Backend must be 'embedded' or 's2', not '{Backend}'");
    }
}

/// <summary>The daemon's S2-compatible endpoint under <see cref="PathPrefix"/> (served when the backend is embedded).</summary>
public sealed class S2EndpointSettings
{
    public const string PathPrefix = "/s2/v1";

    public bool Enabled { get; set; } = true;

    /// <summary>When set, every request needs <c>Authorization: Bearer &lt;token&gt;</c>; when not, only loopback clients are served.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Heartbeats of idle read sessions come at random gaps between these (S2: 5–15 s).</summary>
    public TimeSpan PingMinInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan PingMaxInterval { get; set; } = TimeSpan.FromSeconds(15);
}
