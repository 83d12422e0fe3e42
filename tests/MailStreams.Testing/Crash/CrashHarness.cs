using System.Diagnostics;
using MailStreams.Testing.FakeResend;

namespace MailStreams.Testing.Crash;

/// <summary>
/// Drives a crash run (<see cref="CrashRunOptions"/>): a fake Resend on loopback serves the emails and takes the
/// replies; the <see cref="WebhookDriver"/> posts the webhooks; the daemon, a child process, is killed with SIGKILL
/// once it has done some work, after a random delay, and started again, M times; then the last daemon finishes the work and the replies are
/// counted (<see cref="CrashVerdict"/>). Each kill is labelled with the work that was in flight at that moment.
/// </summary>
internal sealed class CrashHarness(CrashRunOptions options, Action<string> log)
{
    private volatile ChildDaemon? _daemon;

    public async Task<CrashRunReport> RunAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        await using var resend = new FakeResendServer { SendAnswerDelay = TimeSpan.FromMilliseconds(10), RateLimit = 1000 };
        await resend.StartAsync();
        for (var i = 0; i < options.Emails; i++) resend.AddReceivedEmail(CrashMails.ReceivedJson(i), CrashMails.EmailId(i));

        var driver = new WebhookDriver(options.Emails, options.Concurrency, options.DeliveryPause, () => _daemon?.Url);
        var phases = new Dictionary<string, int>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _daemon = await StartAsync(resend);
        var driving = driver.RunAsync(stop.Token);
        try
        {
            for (var kill = 1; kill <= options.Kills; kill++)
            {
                var started = Stopwatch.StartNew();
                await WaitForProgressAsync(driver, resend, ct);
                await Task.Delay(options.MinUptime + (options.MaxUptime - options.MinUptime) * random.NextDouble(), ct);
                var uptime = started.Elapsed;
                var phase = Phase(driver, resend);
                var dying = _daemon;
                _daemon = null;
                await dying.KillAsync();
                if (!dying.HasExited) throw new InvalidOperationException("the daemon survived SIGKILL");
                await dying.DisposeAsync();
                foreach (var p in phase) phases[p] = phases.GetValueOrDefault(p) + 1;
                if (options.Verbose && dying.LastLines.Length > 0) log(dying.LastLines);
                log($"kill {kill}/{options.Kills} after {uptime.TotalMilliseconds:F0} ms: {string.Join(", ", phase)}; accepted {driver.Accepted.Count}, replies {resend.Sent.Count}");
                _daemon = await StartAsync(resend);
            }
            await driving.WaitAsync(options.SettleTimeout, ct);
            await WaitForRepliesAsync(resend, driver.Accepted.Count, ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
        finally
        {
            await stop.CancelAsync();
            if (_daemon is { } last) await last.DisposeAsync();
        }
        return CrashVerdict.Judge(options, driver, resend, phases, clock.Elapsed);
    }

    /// <summary>
    /// A fresh daemon answers /healthz before its actors have recovered; a kill then would only ever hit start-up.
    /// So a kill waits for the daemon to do work first (a new reply reaches Resend), or until there is nothing left to do.
    /// </summary>
    private static async Task WaitForProgressAsync(WebhookDriver driver, FakeResendServer resend, CancellationToken ct)
    {
        var before = resend.Sent.Count;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (resend.Sent.Count == before && !(driver.Done && before >= driver.Accepted.Count) && DateTime.UtcNow < deadline)
            await Task.Delay(20, ct);
    }

    /// <summary>Starts the daemon; a start that fails (on a loaded machine the tools may load too slowly) is logged and tried again, 3 times.</summary>
    private async Task<ChildDaemon> StartAsync(FakeResendServer resend)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await ChildDaemon.StartAsync(options.DaemonDll, options.DataDirectory, Environment(resend)); }
            catch (InvalidOperationException e) when (attempt < 3) { log("start failed, trying again: " + e.Message); }
        }
    }

    private async Task WaitForRepliesAsync(FakeResendServer resend, int accepted, CancellationToken ct)
    {
        try { await resend.WaitForSendsAsync(accepted, options.SettleTimeout).WaitAsync(ct); }
        catch (TimeoutException e) { log(e.Message + (_daemon is { } d ? "\n" + d.LastLines : "")); }
    }

    /// <summary>What was in flight: webhooks being posted, sends Resend had taken but not answered, accepted emails not yet answered.</summary>
    private static List<string> Phase(WebhookDriver driver, FakeResendServer resend)
    {
        var phase = new List<string>();
        if (driver.InFlight > 0) phase.Add("ingest");
        if (resend.SendsInFlight > 0) phase.Add("outbox send");
        if (driver.Accepted.Count > resend.Sent.Count) phase.Add("pipeline (fetch, tool, outbox append, offset commit)");
        if (phase.Count == 0) phase.Add("idle");
        return phase;
    }

    private Dictionary<string, string> Environment(FakeResendServer resend) => new()
    {
        ["RESEND_API_KEY"] = resend.ApiKey,
        ["RESEND_BASE_URL"] = resend.BaseUrl,
        ["RESEND_WEBHOOK_SECRET"] = CrashMails.Secret,
        ["BASE_DOMAIN"] = "example.com",
        ["MailStreams__ToolsDirectory"] = Path.Combine(AppContext.BaseDirectory, "CrashTools"),
        ["MailStreams__Outbox__RatePerSecond"] = options.SendRatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MailStreams__LoopGuard__RepliesPerSender"] = "0",
        ["MailStreams__Outbox__BackoffBase"] = "00:00:00.050",
        ["MailStreams__Outbox__BackoffCap"] = "00:00:00.500",
        ["MailStreams__Resend__RequestTimeout"] = "00:00:05",
        ["MailStreams__Pipeline__ToolTimeout"] = "00:00:10",
        ["MailStreams__Resend__FetchBackoffBase"] = "00:00:00.050",
        ["MailStreams__Resend__FetchBackoffCap"] = "00:00:00.500",
    };
}
