using System.Text;
using MailStreams.Diagnostics;
using MailStreams.Hosting;
using MailStreams.Ingress.Resend;
using MailStreams.Mail;
using MailStreams.Sending;
using MailStreams.Sending.Resend;
using MailStreams.Store;

namespace MailStreams.Ingress;

/// <summary>
/// Handles one <c>ingress/resend</c> record: the webhook carries metadata only, so it fetches the full email from
/// Resend's receiving API, retrying 404s, 5xx and timeouts with capped exponential backoff up to
/// <see cref="ResendSettings.FetchAttempts"/> attempts (defaults: 8 attempts, 0.5 s doubling to 15 s, about a minute
/// in all), then hands it to <see cref="MailIntake"/>. An email id already routed is skipped; a fetch that never
/// succeeds, or is refused for good, goes to <c>dead/ingress</c> with the reason.
/// </summary>
internal sealed class ResendContentFetcher(ResendClient? client, ResendEmailMapper mapper, MailIntake intake, IStreamStore store, DedupeIndex index, ResendSettings settings)
{
    private readonly Backoff _backoff = new(settings.FetchBackoffBase, settings.FetchBackoffCap);

    public async Task<long> HandleAsync(StreamRecord record, CancellationToken ct)
    {
        using var trace = MailTrace.Continue("mail.fetch", record);
        var parsed = ResendWebhookParser.Parse(record.Body);
        if (parsed is not ResendWebhookParseResult.Parsed { EmailReceived: { } data })
        {
            var why = parsed is ResendWebhookParseResult.Invalid invalid ? invalid.Error : "another event type";
            await DeadLetterAsync(record, "not an email.received event: " + why, ct);
            return record.SeqNum;
        }
        var key = "resend-routed|" + data.EmailId;
        if (index.Contains(key)) return record.SeqNum;

        if (client is null)
        {
            await DeadLetterAsync(record, "RESEND_API_KEY is not set: the email's content cannot be fetched", ct);
            return record.SeqNum;
        }
        var failure = "";
        TimeSpan? retryAfter = null;
        for (var attempt = 1; attempt <= Math.Max(1, settings.FetchAttempts); attempt++)
        {
            if (attempt > 1) await Task.Delay(retryAfter ?? _backoff.Delay(attempt - 1), ct);
            retryAfter = null;
            switch (await client.GetReceivedEmailAsync(data.EmailId!, ct))
            {
                case ResendFetchResult.Found found:
                    Email email;
                    try { email = mapper.Map(found.Email, data); }
                    catch (MailParseException e)
                    {
                        await DeadLetterAsync(record, "the received email cannot be read: " + e.Message, ct);
                        return record.SeqNum;
                    }
                    await intake.AcceptAsync(email, ct);
                    index.Add(key);
                    return record.SeqNum;
                case ResendFetchResult.Permanent refused:
                    await DeadLetterAsync(record, $"Resend refused the content fetch with {refused.StatusCode}: {refused.Response}", ct);
                    return record.SeqNum;
                case ResendFetchResult.NotFound:
                    failure = "the receiving API answered 404 (content not available)";
                    break;
                case ResendFetchResult.Transient transient:
                    failure = transient.Reason;
                    retryAfter = transient.RetryAfter;
                    break;
            }
        }
        await DeadLetterAsync(record, $"content fetch failed {settings.FetchAttempts} times; last: {failure}", ct);
        return record.SeqNum;
    }

    private Task DeadLetterAsync(StreamRecord record, string reason, CancellationToken ct)
    {
        var headers = new List<RecordHeader>
        {
            RecordHeader.Of("type", "resend.dead"),
            RecordHeader.Of("reason", reason.ReplaceLineEndings(" ")),
            RecordHeader.Of("source-stream", StreamNames.ResendIngress),
            RecordHeader.Of("source-seq", record.SeqNum.ToString()),
        };
        if (record.Header("email-id") is { } id) headers.Add(RecordHeader.Of("email-id", id));
        return store.AppendAsync(StreamNames.DeadIngress, [MailTrace.Stamp(new AppendRecord(headers, record.Body))], ct: ct);
    }
}
