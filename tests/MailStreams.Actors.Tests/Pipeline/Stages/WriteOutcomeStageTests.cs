using MailStreams.Mail;
using MailStreams.Pipeline;
using MailStreams.Pipeline.Stages;
using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Pipeline.Stages;

public sealed class WriteOutcomeStageTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private SqliteStreamStore _store = null!;
    private static readonly Email Original = new() { Id = "e1", Source = "local", From = "alice@example.org", Subject = "Hi" };

    public Task InitializeAsync()
    {
        _store = new SqliteStreamStore(_dir.File("streams.db"));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Appends_a_reply_to_outbox_with_its_idempotency_key_and_source_position()
    {
        var reply = new OutboundEmail { From = "Reverser <reverser@example.com>", To = ["alice@example.org"], Subject = "Re: Hi", Text = "iH" };

        var seq = await WriteOutcomeStage.WriteAsync(_store, Item(7, new InboxDecision.Outgoing(reply)), default);

        Assert.Equal(7, seq);
        var record = Assert.Single((await _store.ReadAsync(StreamNames.Outbox, 0)).Records);
        Assert.Equal("inbox/reverser:7", record.Header("idempotency-key"));
        Assert.Equal("inbox/reverser", record.Header("source-stream"));
        Assert.Equal("7", record.Header("source-seq"));
        Assert.Equal(MailJson.Serialize(reply), record.Body);
    }

    [Fact]
    public async Task Appends_a_dead_email_with_its_original_body_and_the_error()
    {
        var item = Item(2, new InboxDecision.Dead("tool 'reverser' failed 3 times: boom"));

        await WriteOutcomeStage.WriteAsync(_store, item, default);

        var record = Assert.Single((await _store.ReadAsync("dead/inbox/reverser", 0)).Records);
        Assert.Equal(item.Record.Body, record.Body);
        Assert.Contains("boom", record.Header("error"));
    }

    [Fact]
    public async Task Records_a_decision_not_to_reply_with_its_reason()
    {
        await WriteOutcomeStage.WriteAsync(_store, Item(0, new InboxDecision.NoReply("auto-submitted: auto-replied")), default);

        var record = Assert.Single((await _store.ReadAsync(StreamNames.Skipped, 0)).Records);
        Assert.Equal("auto-submitted: auto-replied", record.Header("reason"));
        Assert.Equal("e1", record.Header("email-id"));
    }

    [Fact]
    public async Task Refuses_an_item_that_left_the_pipeline_undecided()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => WriteOutcomeStage.WriteAsync(_store, Item(0, InboxDecision.Pending), default));
    }

    private static InboxItem Item(long seq, InboxDecision decision) =>
        new("reverser", DecodeEmailStageTests.EmailRecord(seq, Original), Original, decision);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }
}
