using System.Net;
using MailStreams.Diagnostics;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Store;
using MailStreams.Testing;
using MailStreams.Testing.FakeResend;

namespace MailStreams.Host.Tests.Health;

/// <summary>
/// The meter is process-wide, so these tests run alone (their own collection, not in parallel with other daemons).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}

/// <summary>/metrics after a few emails: per-inbox counts, sends, lag, outbox depth, tool latency, webhook failures.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Counts_received_replied_skipped_and_dead_emails_per_inbox_and_sends_by_status()
    {
        await using var daemon = await StartAsync();

        for (var i = 0; i < 3; i++) await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: $"mail {i}"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", extraHeaders: "Auto-Submitted: auto-replied\r\n"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("thrower@example.com"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("echo@example.com"));
        await daemon.WaitForRecordsAsync(StreamNames.Sent, 4);
        await daemon.WaitForRecordsAsync("dead/inbox/thrower", 1);

        var scrape = await ScrapeUntilAsync(daemon, s => s.Value("mailstreams_pipeline_lag", "inbox=\"reverser\"") == 0
                                                        && s.Value("mailstreams_pipeline_lag", "inbox=\"thrower\"") == 0);
        Assert.Equal(4, scrape.Value("mailstreams_emails_received_total", "inbox=\"reverser\""));
        Assert.Equal(3, scrape.Value("mailstreams_emails_replied_total", "inbox=\"reverser\""));
        Assert.Equal(1, scrape.Value("mailstreams_emails_skipped_total", "inbox=\"reverser\""));
        Assert.Equal(1, scrape.Value("mailstreams_emails_dead_total", "inbox=\"thrower\""));
        Assert.Equal(1, scrape.Value("mailstreams_emails_replied_total", "inbox=\"echo\""));
        Assert.Equal(4, scrape.Value("mailstreams_sends_total", "status=\"sent\""));
        Assert.Equal(0, scrape.Value("mailstreams_outbox_depth"));
        Assert.Equal(1, scrape.Value("mailstreams_dead_letters", "stream=\"dead/inbox/thrower\""));
        Assert.Equal(3, scrape.Value("mailstreams_tool_duration_seconds_count", "inbox=\"reverser\""));
    }

    [Fact]
    public async Task Counts_webhook_deliveries_that_fail_verification()
    {
        await using var daemon = await StartAsync();

        var forged = ResendPath.Delivery("msg_forged", secret: "whsec_" + Convert.ToBase64String(new byte[24]));
        var response = await daemon.Client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var scrape = await MetricsScrape.GetAsync(daemon.Client);
        Assert.Equal(1, scrape.Value("mailstreams_webhook_verification_failures_total"));
    }

    [Fact]
    public async Task One_trace_runs_from_the_ingress_to_the_send_through_the_record_headers()
    {
        await using var daemon = await StartAsync();

        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com"));

        var sent = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Sent, 1));
        var inbox = Assert.Single(await daemon.ReadAsync("inbox/reverser"));
        var outbox = Assert.Single(await daemon.ReadAsync(StreamNames.Outbox));
        var traceId = MailTrace.TraceIdOf(inbox.Header(MailTrace.Header));
        Assert.NotNull(traceId);
        Assert.Equal(traceId, MailTrace.TraceIdOf(outbox.Header(MailTrace.Header)));
        Assert.Equal(traceId, MailTrace.TraceIdOf(sent.Header(MailTrace.Header)));
        Assert.NotEqual(inbox.Header(MailTrace.Header), sent.Header(MailTrace.Header));
    }

    [Fact]
    public async Task Follows_a_webhook_email_in_one_trace_to_the_send_and_counts_429s_and_retries()
    {
        await using var resend = await ResendPath.StartAsync();
        resend.Resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.RateLimited(1));
        resend.Resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.ServerError());
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, resend.Settings());

        Assert.Equal(HttpStatusCode.OK, (await daemon.Client.SendAsync(ResendPath.Delivery("msg_traced"))).StatusCode);

        var sent = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Sent, 1));
        var webhook = Assert.Single(await daemon.ReadAsync(StreamNames.ResendIngress));
        var traceId = MailTrace.TraceIdOf(webhook.Header(MailTrace.Header));
        Assert.NotNull(traceId);
        Assert.Equal(traceId, MailTrace.TraceIdOf(Assert.Single(await daemon.ReadAsync("inbox/reverser")).Header(MailTrace.Header)));
        Assert.Equal(traceId, MailTrace.TraceIdOf(sent.Header(MailTrace.Header)));
        var scrape = await MetricsScrape.GetAsync(daemon.Client);
        Assert.Equal(1, scrape.Value("mailstreams_provider_rate_limited_total", "operation=\"send\""));
        Assert.Equal(2, scrape.Value("mailstreams_sends_total", "status=\"retry\""));
        Assert.Equal(1, scrape.Value("mailstreams_sends_total", "status=\"sent\""));
    }

    private static async Task<MetricsScrape> ScrapeUntilAsync(RunningDaemon daemon, Func<MetricsScrape, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var scrape = await MetricsScrape.GetAsync(daemon.Client);
            if (done(scrape) || DateTime.UtcNow > deadline) return scrape;
            await Task.Delay(200); // offsets are committed in batches within 100 ms
        }
    }

    private Task<RunningDaemon> StartAsync() => RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
    {
        ["MailStreams:ToolsDirectory"] = RepoPaths.TestTools,
        ["MailStreams:Pipeline:ToolAttempts"] = "1",
        ["MailStreams:Resend:WebhookSecret"] = ResendPath.Secret,
    });

    public void Dispose() => _data.Dispose();
}
