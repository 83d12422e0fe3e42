using System.Text;
using Akka;
using MailStreams.Diagnostics;
using MailStreams.Hosting;
using MailStreams.Mail;
using MailStreams.Sending;
using MailStreams.Store;

namespace MailStreams.Outbox;

/// <summary>
/// Delivers one outbox record for the <see cref="OutboxActor"/>: asks the actor whether its idempotency key is still
/// to be sent, sends it with the key (retrying transient failures with capped exponential backoff, honouring the
/// provider's retry-after), and reports the outcome to the actor, which persists it. Permanent failures and records
/// that cannot be read are appended to <c>dead/outbox</c> with the reason first.
/// </summary>
internal sealed class OutboxDelivery(IStreamStore store, IMailSender sender, OutboxSettings settings, Func<object, Task<object>> askOutbox)
{
    private readonly Backoff _backoff = new(settings.BackoffBase, settings.BackoffCap);

    public async Task<Done> DeliverAsync(StreamRecord record, CancellationToken ct)
    {
        using var trace = MailTrace.Continue("mail.send", record);
        var key = record.Header("idempotency-key");
        if (string.IsNullOrEmpty(key))
        {
            await DeadLetterAsync(record, $"outbox-{record.SeqNum}", "record has no idempotency-key header", ct);
            return Done.Instance;
        }
        if (await askOutbox(new OutboxActor.Consider(record.SeqNum, key)) is OutboxActor.AlreadyDone)
        {
            MailMetrics.Sends.Add(1, MailMetrics.Status("duplicate"));
            return Done.Instance;
        }

        OutboundEmail email;
        try { email = MailJson.Deserialize<OutboundEmail>(record.Body); }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            await DeadLetterAsync(record, key, "record body is not a Resend send request: " + e.Message, ct);
            return Done.Instance;
        }

        for (var attempt = 1; ; attempt++)
        {
            switch (await sender.SendAsync(email, key, ct))
            {
                case SendResult.Sent sent:
                    MailMetrics.Sends.Add(1, MailMetrics.Status("sent"));
                    await store.AppendAsync(StreamNames.Sent, [MailTrace.Stamp(SentRecord(record, key, sent.ProviderId))], ct: ct);
                    await askOutbox(new OutboxActor.Delivered(record.SeqNum, key, sent.ProviderId));
                    return Done.Instance;
                case SendResult.Permanent rejected:
                    MailMetrics.Sends.Add(1, MailMetrics.Status("rejected"));
                    await DeadLetterAsync(record, key, $"rejected with {rejected.StatusCode}: {rejected.Response}", ct);
                    return Done.Instance;
                case SendResult.Transient failed when attempt >= settings.MaxAttempts:
                    MailMetrics.Sends.Add(1, MailMetrics.Status("gave-up"));
                    await DeadLetterAsync(record, key, $"gave up after {attempt} attempts: {failed.Reason}", ct);
                    return Done.Instance;
                case SendResult.Transient failed:
                    MailMetrics.Sends.Add(1, MailMetrics.Status("retry"));
                    await Task.Delay(failed.RetryAfter ?? _backoff.Delay(attempt), ct);
                    break;
            }
        }
    }

    private async Task DeadLetterAsync(StreamRecord record, string key, string reason, CancellationToken ct)
    {
        var headers = new List<RecordHeader>
        {
            RecordHeader.Of("type", "mail.reply.dead"),
            RecordHeader.Of("idempotency-key", key),
            RecordHeader.Of("reason", reason.ReplaceLineEndings(" ")),
            RecordHeader.Of("source-stream", StreamNames.Outbox),
            RecordHeader.Of("source-seq", record.SeqNum.ToString()),
        };
        await store.AppendAsync(StreamNames.DeadOutbox, [MailTrace.Stamp(new AppendRecord(headers, record.Body))], ct: ct);
        await askOutbox(new OutboxActor.DeadLettered(record.SeqNum, key, reason));
    }

    private static AppendRecord SentRecord(StreamRecord record, string key, string providerId) =>
        new([
            RecordHeader.Of("type", "mail.sent"),
            RecordHeader.Of("idempotency-key", key),
            RecordHeader.Of("provider-id", providerId),
            RecordHeader.Of("source-stream", StreamNames.Outbox),
            RecordHeader.Of("source-seq", record.SeqNum.ToString()),
        ], Encoding.UTF8.GetBytes(providerId));
}
