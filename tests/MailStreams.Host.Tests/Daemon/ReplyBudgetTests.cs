using MailStreams.Store;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>The reply budget on the real daemon: it counts the replies in the outbox, so a restart does not reset it.</summary>
public sealed class ReplyBudgetTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private static Dictionary<string, string?> TwoPerSender() => new()
    {
        ["MailStreams:LoopGuard:RepliesPerSender"] = "2",
        ["MailStreams:LoopGuard:BudgetWindow"] = "01:00:00",
    };

    [Fact]
    public async Task The_third_email_from_one_sender_within_the_window_is_skipped_with_the_reason_even_after_a_restart()
    {
        await using (var first = await RunningDaemon.StartAsync(_data.Path, TwoPerSender()))
        {
            await Mails.PostAsync(first.Client, Mails.Raw("reverser@example.com", text: "one", from: "Bob <bob@example.org>"));
            await Mails.PostAsync(first.Client, Mails.Raw("reverser@example.com", text: "two", from: "Bob <bob@example.org>"));
            await first.WaitForRecordsAsync(StreamNames.Sent, 2);
        }

        await using var second = await RunningDaemon.StartAsync(_data.Path, TwoPerSender());
        await Mails.PostAsync(second.Client, Mails.Raw("reverser@example.com", text: "three", from: "Bob <bob@example.org>"));
        await Mails.PostAsync(second.Client, Mails.Raw("reverser@example.com", text: "four", from: "Carol <carol@example.org>"));

        var skipped = Assert.Single(await second.WaitForRecordsAsync(StreamNames.Skipped, 1));
        Assert.Equal("reply-budget: 2 replies to bob@example.org within 1 h", skipped.Header("reason"));
        Assert.Equal("inbox/reverser:2", skipped.Header("idempotency-key"));
        await second.WaitForRecordsAsync(StreamNames.Sent, 3);
        Assert.Equal(3, (await second.ReadAsync(StreamNames.Outbox)).Count);
    }

    [Fact]
    public async Task An_answer_to_one_of_our_eml_replies_gets_no_reply()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);
        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", messageId: "<start@example.org>"));
        var sent = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Sent, 1));
        var eml = await File.ReadAllTextAsync(Path.Combine(_data.Path, "sent", sent.Header("provider-id")!));
        var ourId = eml.Split("\r\n").Single(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim();

        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", subject: "Re: Hello world",
            extraHeaders: $"In-Reply-To: {ourId}\r\nReferences: <start@example.org> {ourId}\r\n"));

        var skipped = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Skipped, 1));
        Assert.Equal("references-own-reply: " + ourId, skipped.Header("reason"));
    }

    public void Dispose() => _data.Dispose();
}
