namespace MailStreams.Hosting;

/// <summary>Maps the seed's environment variable names onto configuration keys of <see cref="MailStreamsOptions"/>.</summary>
public static class EnvironmentAliases
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["BASE_DOMAIN"] = "MailStreams:BaseDomain",
        ["RESEND_API_KEY"] = "MailStreams:Resend:ApiKey",
        ["RESEND_WEBHOOK_SECRET"] = "MailStreams:Resend:WebhookSecret",
        ["RESEND_BASE_URL"] = "MailStreams:Resend:BaseUrl",
        ["MAILSTREAMS_DATA"] = "MailStreams:DataDirectory",
        ["MAILSTREAMS_TOOLS"] = "MailStreams:ToolsDirectory",
        ["MAILSTREAMS_ADMIN_TOKEN"] = "MailStreams:AdminToken",
        ["TOOLS_ROOT_GITHUB"] = "MailStreams:Tools:Repository",
        ["TOOLS_BRANCH"] = "MailStreams:Tools:Branch",
        ["TOOLS_PATH"] = "MailStreams:Tools:Path",
        ["GITHUB_PAT"] = "MailStreams:Tools:Token",
        ["GITHUB_WEBHOOK_SECRET"] = "MailStreams:Tools:WebhookSecret",
        ["S2_ACCESS_TOKEN"] = "MailStreams:Store:S2:AccessToken",
        ["S2_BASIN"] = "MailStreams:Store:S2:Basin",
        ["S2_ENDPOINT"] = "MailStreams:Store:S2:Endpoint",
    };

    /// <summary>The configuration entries for the aliases set in <paramref name="environment"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> From(Func<string, string?> environment) =>
        Map.Select(kv => (kv.Value, environment(kv.Key)))
           .Where(e => !string.IsNullOrEmpty(e.Item2))
           .Select(e => new KeyValuePair<string, string?>(e.Item1, e.Item2));
}
