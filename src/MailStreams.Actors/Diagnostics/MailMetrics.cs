using System.Diagnostics.Metrics;

namespace MailStreams.Diagnostics;

/// <summary>
/// The counters and histograms of the meter <c>MailStreams</c>, exported at <c>/metrics</c> (Prometheus names in
/// brackets): emails received, replied, skipped and dead per inbox, tool call latency, sends by status, 429s from the
/// provider, and webhook deliveries that failed verification. The gauges (lag, outbox depth) are read from the store
/// by the host at scrape time.
/// </summary>
public static class MailMetrics
{
    public const string MeterName = "MailStreams";
    private static readonly Meter Meter = new(MeterName);

    /// <summary>[mailstreams_emails_received_total{inbox}] emails appended to an inbox stream.</summary>
    public static readonly Counter<long> Received = Meter.CreateCounter<long>("mailstreams.emails.received", "{email}", "emails appended to an inbox stream");

    /// <summary>[mailstreams_emails_replied_total{inbox}] replies written to the outbox.</summary>
    public static readonly Counter<long> Replied = Meter.CreateCounter<long>("mailstreams.emails.replied", "{email}", "replies appended to the outbox");

    /// <summary>[mailstreams_emails_skipped_total{inbox}] emails answered with no reply (loop guard, tool returned null).</summary>
    public static readonly Counter<long> Skipped = Meter.CreateCounter<long>("mailstreams.emails.skipped", "{email}", "emails that got no reply, with a reason in events/skipped");

    /// <summary>[mailstreams_emails_dead_total{inbox}] emails moved to dead/inbox/&lt;name&gt;.</summary>
    public static readonly Counter<long> Dead = Meter.CreateCounter<long>("mailstreams.emails.dead", "{email}", "emails whose tool failed for good");

    /// <summary>[mailstreams_tool_duration_seconds{inbox,outcome}] one tool call.</summary>
    public static readonly Histogram<double> ToolDuration = Meter.CreateHistogram<double>("mailstreams.tool.duration", "s", "duration of one tool call");

    /// <summary>[mailstreams_sends_total{status}] send attempts by outcome: sent, retry, rejected, dead, duplicate.</summary>
    public static readonly Counter<long> Sends = Meter.CreateCounter<long>("mailstreams.sends", "{attempt}", "send attempts by outcome");

    /// <summary>[mailstreams_provider_rate_limited_total{operation}] 429 answers from the provider.</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("mailstreams.provider.rate_limited", "{response}", "429 answers from the provider");

    /// <summary>[mailstreams_webhook_verification_failures_total] webhook deliveries refused with 401.</summary>
    public static readonly Counter<long> WebhookVerificationFailures = Meter.CreateCounter<long>(
        "mailstreams.webhook.verification_failures", "{delivery}", "webhook deliveries whose signature did not verify");

    public static KeyValuePair<string, object?> Inbox(string inbox) => new("inbox", inbox);

    public static KeyValuePair<string, object?> Status(string status) => new("status", status);
}
