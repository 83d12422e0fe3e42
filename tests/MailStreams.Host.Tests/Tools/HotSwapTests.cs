using System.Text.Json;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Store;
using MailStreams.Testing;
using MailStreams.Testing.Git;

namespace MailStreams.Host.Tests.Tools;

/// <summary>Tools switch between two emails: under a steady stream of mail, no email is lost or answered twice.</summary>
public sealed class HotSwapTests : IDisposable
{
    private readonly GitOrigin _origin = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Three_versions_go_live_while_mail_streams_in_and_every_email_gets_exactly_one_reply_from_one_version()
    {
        var v1 = _origin.PushReverser("v1");
        var markers = new Dictionary<string, string> { [v1] = "v1" };
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["MailStreams:Tools:Repository"] = _origin.Url,
            ["MailStreams:Tools:SyncInterval"] = "00:00:00",
            ["MailStreams:LoopGuard:RepliesPerSender"] = "0", // one sender writes all the mail here: no reply budget
        });

        using var stop = new CancellationTokenSource();
        var sender = SendContinuouslyAsync(daemon, stop.Token);
        await WaitForReplyFromAsync(daemon, v1);
        foreach (var marker in new[] { "v2", "v3", "v4" })
        {
            var commit = _origin.PushReverser(marker);
            markers[commit] = marker;
            Assert.Equal("activated", (await daemon.SyncAsync()).GetProperty("outcome").GetString());
            await WaitForReplyFromAsync(daemon, commit); // mail keeps flowing through each version
        }
        await stop.CancelAsync();
        var sent = await sender;

        var replies = await daemon.WaitForRecordsAsync(StreamNames.Outbox, sent.Count, TimeSpan.FromSeconds(60));
        Assert.Equal(sent.Count, replies.Count);
        Assert.Equal(sent.Count, replies.Select(r => r.Header("idempotency-key")).Distinct().Count());
        foreach (var reply in replies)
        {
            var marker = markers[reply.Header("tool-version")!];
            var text = JsonDocument.Parse(reply.Body).RootElement.GetProperty("text").GetString()!;
            Assert.StartsWith(marker + " ", text);
            Assert.Contains(new string(text[(marker.Length + 1)..].Reverse().ToArray()), sent);
        }
        Assert.Equal(["v1", "v2", "v3", "v4"], replies.Select(r => markers[r.Header("tool-version")!]).Distinct().Order());
        Assert.Empty(await daemon.ReadAsync(StreamNames.Skipped));
        Assert.Empty(await daemon.ReadAsync("dead/inbox/reverser"));
    }

    /// <summary>Posts mail to reverser@ one after another until stopped; returns the texts sent (each acknowledged).</summary>
    private static async Task<List<string>> SendContinuouslyAsync(RunningDaemon daemon, CancellationToken stop)
    {
        var sent = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            var text = $"mail {sent.Count}";
            (await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: text))).EnsureSuccessStatusCode();
            sent.Add(text);
        }
        return sent;
    }

    private static async Task WaitForReplyFromAsync(RunningDaemon daemon, string commit)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var record in daemon.Store.FollowAsync(StreamNames.Outbox, 0, timeout.Token))
            if (record.Header("tool-version") == commit) return;
    }

    public void Dispose()
    {
        _origin.Dispose();
        _data.Dispose();
    }
}
