using System.Diagnostics.Metrics;
using MailStreams.Diagnostics;

namespace MailStreams.Host.Health;

/// <summary>
/// The gauges of the meter <c>MailStreams</c> that come from the daemon's state, read when <c>/metrics</c> is scraped:
/// pipeline lag per inbox (stream tail minus committed offset), outbox depth, and records per dead-letter stream.
/// One status read serves all three gauges of a scrape (it is kept for a second). Created with the daemon's meter
/// factory, so they go away with the daemon.
/// </summary>
internal sealed class StatusGauges
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private readonly DaemonStatusReader _reader;
    private readonly Lock _lock = new();
    private (DateTime At, DaemonStatus? Status) _last;

    public StatusGauges(IMeterFactory meters, DaemonStatusReader reader)
    {
        _reader = reader;
        var meter = meters.Create(MailMetrics.MeterName);
        meter.CreateObservableGauge("mailstreams.pipeline.lag", () =>
            Read()?.Inboxes.Where(i => i.Lag is not null).Select(i => new Measurement<long>(i.Lag!.Value, MailMetrics.Inbox(i.Name))) ?? [],
            description: "records in the inbox stream not yet committed by its pipeline");
        meter.CreateObservableGauge("mailstreams.outbox.depth", () =>
            Read()?.Outbox.Depth is { } depth ? [new Measurement<long>(depth)] : Array.Empty<Measurement<long>>(),
            description: "outbox records not yet sent");
        meter.CreateObservableGauge("mailstreams.dead_letters", () =>
            Read()?.DeadLetters.Select(d => new Measurement<long>(d.Count, new KeyValuePair<string, object?>("stream", d.Stream))) ?? [],
            description: "records in each dead-letter stream");
    }

    private DaemonStatus? Read()
    {
        lock (_lock)
        {
            if (_last.Status is not null && DateTime.UtcNow - _last.At < Freshness) return _last.Status;
            try
            {
                var status = _reader.ReadAsync().WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
                _last = (DateTime.UtcNow, status);
                return status;
            }
            catch (Exception)
            {
                // The store is unreachable or the actors do not answer: no gauge values this scrape (/readyz says why).
                return null;
            }
        }
    }
}
