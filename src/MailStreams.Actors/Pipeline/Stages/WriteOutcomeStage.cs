using System.Text;
using Akka;
using Akka.Event;
using Akka.Streams.Dsl;
using MailStreams.Diagnostics;
using MailStreams.Mail;
using MailStreams.Store;

namespace MailStreams.Pipeline.Stages;

/// <summary>
/// Records what was decided for each inbox record and emits its seq_num: a reply is appended to <c>outbox</c>,
/// a dead email to <c>dead/inbox/&lt;name&gt;</c> (the original body, with the error), a no-reply decision to
/// <c>events/skipped</c> with its reason. Every record carries the idempotency key and the source position, and
/// <c>tool-version</c>, the tools revision (Git commit) that decided it, when a tool was called.
/// </summary>
internal static class WriteOutcomeStage
{
    public static Flow<InboxItem, long, NotUsed> Create(IStreamStore store, ILoggingAdapter log, CancellationToken ct) =>
        Flow.Create<InboxItem>().SelectAsync(1, item =>
        {
            if (item.Decision is InboxDecision.Dead dead) log.Warning("{0} goes to dead/inbox/{1}: {2}", item.IdempotencyKey, item.Inbox, dead.Error);
            else if (item.Decision is InboxDecision.NoReply no) log.Info("{0}: no reply ({1})", item.IdempotencyKey, no.Reason);
            return WriteAsync(store, item, ct);
        });

    public static async Task<long> WriteAsync(IStreamStore store, InboxItem item, CancellationToken ct)
    {
        using var trace = MailTrace.Continue("mail.decide", item.Record);
        var (stream, record) = item.Decision switch
        {
            InboxDecision.Outgoing o => (StreamNames.Outbox, Record(item, "mail.reply", MailJson.Serialize(o.Email))),
            InboxDecision.Dead d => (StreamNames.DeadInbox(item.Inbox), Record(item, "mail.dead", item.Record.Body, ("error", d.Error))),
            InboxDecision.NoReply n => (StreamNames.Skipped, Record(item, "mail.skipped", Encoding.UTF8.GetBytes(n.Reason), ("reason", n.Reason))),
            var other => throw new InvalidOperationException($"{item.IdempotencyKey} left the pipeline undecided ({other})"),
        };
        await store.AppendAsync(stream, [MailTrace.Stamp(record)], ct: ct);
        var counter = item.Decision switch
        {
            InboxDecision.Outgoing => MailMetrics.Replied,
            InboxDecision.Dead => MailMetrics.Dead,
            _ => MailMetrics.Skipped,
        };
        counter.Add(1, MailMetrics.Inbox(item.Inbox));
        return item.Record.SeqNum;
    }

    private static AppendRecord Record(InboxItem item, string type, byte[] body, params (string, string)[] extra)
    {
        var headers = new List<RecordHeader>
        {
            RecordHeader.Of("type", type),
            RecordHeader.Of("idempotency-key", item.IdempotencyKey),
            RecordHeader.Of("source-stream", item.Stream),
            RecordHeader.Of("source-seq", item.Record.SeqNum.ToString()),
        };
        if (item.Email is { } email) headers.Add(RecordHeader.Of("email-id", email.Id));
        if (item.ToolVersion is { } toolVersion) headers.Add(RecordHeader.Of("tool-version", toolVersion));
        foreach (var (name, value) in extra) headers.Add(RecordHeader.Of(name, value.ReplaceLineEndings(" ")));
        return new AppendRecord(headers, body);
    }
}
