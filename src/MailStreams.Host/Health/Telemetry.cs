using MailStreams.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MailStreams.Host.Health;

/// <summary>
/// OpenTelemetry for the daemon: the <c>MailStreams</c> meter exported for Prometheus, the <c>MailStreams</c> activity
/// source traced (one trace per email), and log lines that carry the TraceId and SpanId of the step they come from.
/// </summary>
internal static class Telemetry
{
    public static void AddMailStreamsTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMeter(MailMetrics.MeterName).AddPrometheusExporter())
            .WithTracing(t => t.AddSource(MailTrace.SourceName));
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>(o => o.IncludeScopes = true); // the systemd formatter

    }
}
