using System.CommandLine;
using MailStreams.Host.Daemon;

namespace MailStreams.Host.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string> DaemonUrl()
    {
        var option = new Option<string>("--url")
        {
            Description = $"URL of the running daemon (env MAILSTREAMS_URL, default {DaemonApp.DefaultUrl})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MAILSTREAMS_URL") is { Length: > 0 } u ? u : DaemonApp.DefaultUrl,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                result.AddError($"--url must be an http(s) URL such as {DaemonApp.DefaultUrl}, not '{value}'");
        });
        return option;
    }

    public static Option<string?> AdminToken() => new("--token")
    {
        Description = "admin token for a daemon that is not on loopback (env MAILSTREAMS_ADMIN_TOKEN)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MAILSTREAMS_ADMIN_TOKEN"),
    };

    public static HttpClient Client(string url, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(token)) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public static int Fail(string message, int code = 1)
    {
        Console.Error.WriteLine("mailstreams: " + message);
        return code;
    }
}
