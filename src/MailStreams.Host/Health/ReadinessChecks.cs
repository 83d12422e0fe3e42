using MailStreams.Hosting;
using MailStreams.Store;
using MailStreams.Tools;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailStreams.Host.Health;

/// <summary>Readiness: the store answers a read and the data directory takes a write.</summary>
internal sealed class StoreReadiness(IStreamStore store, MailStreamsOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var streams = await store.ListStreamsAsync("", null, 1, ct).WaitAsync(TimeSpan.FromSeconds(5), ct);
            var probe = Path.Combine(Path.GetFullPath(options.DataDirectory), ".readyz-probe");
            await File.WriteAllTextAsync(probe, DateTimeOffset.UtcNow.ToString("O"), ct);
            File.Delete(probe);
            return HealthCheckResult.Healthy($"store answers, data directory {Path.GetFullPath(options.DataDirectory)} is writable");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"store unreachable: {e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>Readiness: a tool package is loaded and exports at least one tool.</summary>
internal sealed class ToolsReadiness(ActiveTools tools) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var package = tools.Current;
        return Task.FromResult(package.ToolNames.Count > 0
            ? HealthCheckResult.Healthy($"{package.ToolNames.Count} tools ({string.Join(", ", package.ToolNames)}), version {(package.Revision is { Length: > 0 } revision ? revision : package.Version)}")
            : HealthCheckResult.Unhealthy($"no tools exported by {package.Folder}"));
    }
}

/// <summary>
/// Readiness: the outbox actor answers, and when records wait it makes progress — its next seq_num has moved within
/// <c>MailStreams:Health:OutboxStuckAfter</c> (default 10 minutes). Remembers the last progress it saw.
/// </summary>
internal sealed class OutboxReadiness(DaemonStatusReader reader, IConfiguration configuration, TimeProvider time) : IHealthCheck
{
    private readonly Lock _lock = new();
    private (long NextSeq, DateTimeOffset Since)? _progress;

    private TimeSpan StuckAfter => configuration.GetValue("MailStreams:Health:OutboxStuckAfter", TimeSpan.FromMinutes(10));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        OutboxStatus outbox;
        try { outbox = await reader.OutboxAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"outbox state unreadable: {e.Message}");
        }
        if (outbox is not { NextSeq: { } next, Depth: { } depth })
            return HealthCheckResult.Unhealthy($"the outbox actor did not answer within {DaemonStatusReader.AskTimeout.TotalSeconds:0} s");

        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_progress is not { } seen || seen.NextSeq != next || depth == 0) _progress = (next, now);
            var waited = now - _progress!.Value.Since;
            if (depth > 0 && waited > StuckAfter)
                return HealthCheckResult.Unhealthy($"outbox stuck: {depth} records wait and seq {next} has not moved for {waited.TotalSeconds:0} s");
        }
        return HealthCheckResult.Healthy($"{depth} records waiting, next seq {next}");
    }
}
