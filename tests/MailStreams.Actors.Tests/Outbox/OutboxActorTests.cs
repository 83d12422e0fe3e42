using Akka.Actor;
using Akka.TestKit.Xunit2;
using MailStreams.Hosting;
using MailStreams.Mail;
using MailStreams.Outbox;
using MailStreams.Sending;
using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Outbox;

public sealed class OutboxActorTests : TestKit, IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private SqliteStreamStore _store = null!;
    private static readonly OutboxSettings FastSettings = new()
    {
        RatePerSecond = 1000, MaxAttempts = 4, BackoffBase = TimeSpan.FromMilliseconds(10), BackoffCap = TimeSpan.FromMilliseconds(50),
    };

    public Task InitializeAsync()
    {
        _store = new SqliteStreamStore(_dir.File("streams.db"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Sends_each_outbox_record_once_with_its_idempotency_key()
    {
        await AppendReplyAsync("inbox/reverser:0");
        await AppendReplyAsync("inbox/reverser:1");
        var sender = new ScriptedSender();

        Sys.ActorOf(OutboxActor.Props(_store, sender, FastSettings));

        await AwaitConditionAsync(async () => (await ReadAllAsync(StreamNames.Sent)).Count == 2);
        Assert.Equal(["inbox/reverser:0", "inbox/reverser:1"], sender.Calls.Select(c => c.Key));
        Assert.Equal("Re: Hello", sender.Calls.First().Email.Subject);
    }

    [Fact]
    public async Task Does_not_send_a_repeated_idempotency_key_twice()
    {
        await AppendReplyAsync("inbox/reverser:0");
        await AppendReplyAsync("inbox/reverser:0");
        await AppendReplyAsync("inbox/reverser:1");
        var sender = new ScriptedSender();

        var outbox = Sys.ActorOf(OutboxActor.Props(_store, sender, FastSettings));

        await AwaitConditionAsync(async () => (await outbox.Ask<OutboxState>(new OutboxActor.GetState())).NextSeq == 3);
        Assert.Equal(["inbox/reverser:0", "inbox/reverser:1"], sender.Calls.Select(c => c.Key));
    }

    [Fact]
    public async Task Retries_transient_failures_with_the_same_key_until_sent()
    {
        await AppendReplyAsync("inbox/reverser:0");
        var sender = new ScriptedSender(new SendResult.Transient("500 internal_server_error"), new SendResult.Transient("timeout"));

        Sys.ActorOf(OutboxActor.Props(_store, sender, FastSettings));

        await AwaitConditionAsync(async () => (await ReadAllAsync(StreamNames.Sent)).Count == 1);
        Assert.Equal(3, sender.Calls.Count);
        Assert.All(sender.Calls, c => Assert.Equal("inbox/reverser:0", c.Key));
    }

    [Fact]
    public async Task Waits_as_long_as_retry_after_says_before_trying_again()
    {
        await AppendReplyAsync("inbox/reverser:0");
        var sender = new ScriptedSender(new SendResult.Transient("429 rate_limit_exceeded", TimeSpan.FromMilliseconds(600)));

        Sys.ActorOf(OutboxActor.Props(_store, sender, FastSettings));

        await AwaitConditionAsync(async () => (await ReadAllAsync(StreamNames.Sent)).Count == 1);
        var calls = sender.Calls.ToArray();
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(550), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Moves_a_rejected_reply_to_dead_outbox_with_the_response()
    {
        await AppendReplyAsync("inbox/reverser:0");
        await AppendReplyAsync("inbox/reverser:1");
        var sender = new ScriptedSender(new SendResult.Permanent(422, """{"name":"missing_required_field"}"""));

        Sys.ActorOf(OutboxActor.Props(_store, sender, FastSettings));

        await AwaitConditionAsync(async () => (await ReadAllAsync(StreamNames.Sent)).Count == 1);
        var dead = Assert.Single(await ReadAllAsync(StreamNames.DeadOutbox));
        Assert.Equal("inbox/reverser:0", dead.Header("idempotency-key"));
        Assert.Contains("422", dead.Header("reason"));
        Assert.Contains("missing_required_field", dead.Header("reason"));
        Assert.Equal(2, sender.Calls.Count);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_attempts_and_dead_letters_the_reply()
    {
        await AppendReplyAsync("inbox/reverser:0");
        var sender = new ScriptedSender(Enumerable.Repeat<SendResult>(new SendResult.Transient("503"), 10).ToArray());

        Sys.ActorOf(OutboxActor.Props(_store, sender, FastSettings));

        await AwaitConditionAsync(async () => (await ReadAllAsync(StreamNames.DeadOutbox)).Count == 1);
        Assert.Equal(FastSettings.MaxAttempts, sender.Calls.Count);
    }

    [Fact]
    public async Task Resumes_after_a_restart_from_its_persisted_position()
    {
        await AppendReplyAsync("inbox/reverser:0");
        var first = new ScriptedSender();
        var outbox = Sys.ActorOf(OutboxActor.Props(_store, first, FastSettings));
        await AwaitConditionAsync(async () => (await ReadAllAsync(StreamNames.Sent)).Count == 1);
        await outbox.GracefulStop(TimeSpan.FromSeconds(5));

        await AppendReplyAsync("inbox/reverser:1");
        var second = new ScriptedSender();
        Sys.ActorOf(OutboxActor.Props(_store, second, FastSettings));

        await AwaitConditionAsync(async () => (await ReadAllAsync(StreamNames.Sent)).Count == 2);
        Assert.Equal(["inbox/reverser:1"], second.Calls.Select(c => c.Key));
    }

    private Task AppendReplyAsync(string key)
    {
        var email = new OutboundEmail { From = "Reverser <reverser@example.com>", To = ["alice@example.org"], Subject = "Re: Hello", Text = "olleH" };
        var record = AppendRecord.Json("mail.reply", MailJson.Serialize(email), ("idempotency-key", key));
        return _store.AppendAsync(StreamNames.Outbox, [record]);
    }

    private Task<IReadOnlyList<StreamRecord>> ReadAllAsync(string stream) => _store.ReadAllAsync(stream);
}
