using System.Text;
using System.Text.Json;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Store;
using MailStreams.Tools.Git;

namespace MailStreams.Host.Tests.Tools;

/// <summary>The tools endpoints of a running daemon, as the tests use them.</summary>
internal static class ToolsApi
{
    public static async Task<JsonElement> StatusAsync(this RunningDaemon daemon) =>
        JsonDocument.Parse(await daemon.Client.GetStringAsync("api/tools")).RootElement;

    public static async Task<string?> ActiveRevisionAsync(this RunningDaemon daemon) =>
        (await daemon.StatusAsync()).GetProperty("active").GetProperty("revision").GetString();

    public static async Task<JsonElement> SyncAsync(this RunningDaemon daemon)
    {
        using var response = await daemon.Client.PostAsync("api/tools/sync", null);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Waits until <paramref name="revision"/> is live (the sync runs in the background).</summary>
    public static async Task WaitForRevisionAsync(this RunningDaemon daemon, string revision, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await daemon.ActiveRevisionAsync() == revision) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{revision} did not go live; status: {(await daemon.StatusAsync()).GetRawText()}");
    }

    public static async Task<HttpResponseMessage> PostGitHubPushAsync(this RunningDaemon daemon, string secret, string branchRef, string? signature = null, string githubEvent = "push")
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { @ref = branchRef, after = "0000000000000000000000000000000000000000" }));
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-GitHub-Event", githubEvent);
        request.Headers.Add(GitHubPushSignature.Header, signature ?? GitHubPushSignature.Sign(secret, body));
        return await daemon.Client.SendAsync(request);
    }

    /// <summary>Sends one mail to reverser@ and returns the text and tool version of its reply.</summary>
    public static async Task<(string? Text, string? ToolVersion)> AskReverserAsync(this RunningDaemon daemon, string text)
    {
        var before = (await daemon.ReadAsync(StreamNames.Outbox)).Count;
        (await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: text))).EnsureSuccessStatusCode();
        var reply = (await daemon.WaitForRecordsAsync(StreamNames.Outbox, before + 1))[before];
        return (JsonDocument.Parse(reply.Body).RootElement.GetProperty("text").GetString(), reply.Header("tool-version"));
    }
}
