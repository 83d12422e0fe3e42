using MailStreams.Mail;
using MailStreams.Pipeline.Stages;
using MailStreams.Store;

namespace MailStreams.Pipeline;

/// <summary>
/// Replays inbox records N..M through the pipeline's own stages (decode, loop guard, tool, reply) beside the live
/// pipeline. A dry run appends each would-be reply to <c>shadow/inbox/&lt;name&gt;</c> and says how it differs from the
/// reply in <c>outbox</c> with the same idempotency key; a real run appends to <c>outbox</c> only replies whose key
/// has no outbox record yet, so nothing already sent (or waiting to be sent) goes out twice.
/// </summary>
internal sealed class InboxReplayer(IStreamStore store, InboxPipelineServices services)
{
    public async Task<IReadOnlyList<ReplayLine>> ReplayAsync(string inbox, long from, long? to, bool dryRun, CancellationToken ct)
    {
        var written = await RepliesByKeyAsync(ct);
        var lines = new List<ReplayLine>();
        foreach (var record in await ReadAsync(StreamNames.Inbox(inbox), from, to, ct))
        {
            var item = LoopGuardStage.Apply(services.LoopGuard, DecodeEmailStage.Decode(inbox, record));
            item = await CallToolStage.CallAsync(services.Tools, services.Invoker, services.Settings.ToolAttempts, item, ct);
            item = BuildReplyStage.Apply(services.ReplyBuilder, item);
            lines.Add(await OutcomeAsync(item, written, dryRun, ct));
        }
        return lines;
    }

    private async Task<ReplayLine> OutcomeAsync(InboxItem item, Dictionary<string, OutboundEmail> written, bool dryRun, CancellationToken ct)
    {
        var key = item.IdempotencyKey;
        if (item.Decision is not InboxDecision.Outgoing { Email: var reply })
            return new ReplayLine(key, "no reply", item.Decision switch
            {
                InboxDecision.NoReply n => n.Reason,
                InboxDecision.Dead d => d.Error,
                var other => other.ToString(),
            });
        written.TryGetValue(key, out var earlier);
        var difference = earlier is null ? "never sent" : Differences(earlier, reply);
        if (dryRun)
        {
            await store.AppendAsync("shadow/" + item.Stream, [Record(key, reply, "mail.replay")], ct: ct);
            return new ReplayLine(key, "dry run", difference);
        }
        if (earlier is not null) return new ReplayLine(key, "already in outbox, not sent again", difference);
        await store.AppendAsync(StreamNames.Outbox, [Record(key, reply, "mail.reply")], ct: ct);
        return new ReplayLine(key, "sent now", difference);
    }

    private static string Differences(OutboundEmail sent, OutboundEmail now)
    {
        var fields = new List<string>();
        if (sent.Subject != now.Subject) fields.Add($"subject \"{sent.Subject}\" → \"{now.Subject}\"");
        if (sent.Text != now.Text) fields.Add($"text \"{Short(sent.Text)}\" → \"{Short(now.Text)}\"");
        if (sent.Html != now.Html) fields.Add("html");
        if (!sent.To.SequenceEqual(now.To)) fields.Add($"to {string.Join(",", sent.To)} → {string.Join(",", now.To)}");
        return fields.Count == 0 ? "same as sent" : "differs: " + string.Join("; ", fields);
    }

    private static string Short(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..57] + "...";

    private static AppendRecord Record(string key, OutboundEmail reply, string type) =>
        new([RecordHeader.Of("type", type), RecordHeader.Of("idempotency-key", key), RecordHeader.Of("replayed", "true")], MailJson.Serialize(reply));

    private async Task<Dictionary<string, OutboundEmail>> RepliesByKeyAsync(CancellationToken ct)
    {
        var replies = new Dictionary<string, OutboundEmail>(StringComparer.Ordinal);
        foreach (var record in await ReadAsync(StreamNames.Outbox, 0, null, ct))
            if (record.Header("idempotency-key") is { } key && !replies.ContainsKey(key))
                replies[key] = MailJson.Deserialize<OutboundEmail>(record.Body);
        return replies;
    }

    private async Task<List<StreamRecord>> ReadAsync(string stream, long from, long? to, CancellationToken ct)
    {
        var all = new List<StreamRecord>();
        await foreach (var record in store.ReadToTailAsync(stream, from, missingIsEmpty: true, ct: ct))
        {
            if (record.SeqNum > to) break;
            all.Add(record);
        }
        return all;
    }
}
