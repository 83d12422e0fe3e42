using System.Diagnostics;
using MailStreams.Store;

namespace MailStreams.Diagnostics;

/// <summary>
/// One trace per email, from the webhook (or local ingress) to the send. Each step runs in an <see cref="Activity"/>
/// whose parent is the <c>traceparent</c> header (W3C) of the record it reads, and stamps the records it writes with
/// its own id, so the trace survives the streams and restarts. Logs written inside a step carry its TraceId.
/// </summary>
public static class MailTrace
{
    public const string SourceName = "MailStreams";
    public const string Header = "traceparent";
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a step whose parent is <paramref name="parent"/> (a traceparent), or the current activity.</summary>
    public static Activity Start(string name, string? parent = null)
    {
        var hasParent = ActivityContext.TryParse(parent, null, out var context);
        var activity = hasParent
            ? Source.StartActivity(name, ActivityKind.Internal, context)
            : Source.StartActivity(name);
        if (activity is not null) return activity;
        // Nobody listens (no tracer configured): keep the ids flowing all the same.
        var manual = new Activity(name);
        if (hasParent) manual.SetParentId(parent!);
        return manual.Start();
    }

    /// <summary>Starts the step that handles <paramref name="record"/>, continuing the trace it carries.</summary>
    public static Activity Continue(string name, StreamRecord record) => Start(name, record.Header(Header));

    /// <summary>The trace id of a traceparent header value, or null.</summary>
    public static string? TraceIdOf(string? traceparent) =>
        ActivityContext.TryParse(traceparent, null, out var context) ? context.TraceId.ToHexString() : null;

    /// <summary>The record with a traceparent header of the current activity added (unchanged when there is none).</summary>
    public static AppendRecord Stamp(AppendRecord record)
    {
        if (Activity.Current?.Id is not { } id || Activity.Current.IdFormat != ActivityIdFormat.W3C) return record;
        return record with { Headers = [.. record.Headers, RecordHeader.Of(Header, id)] };
    }
}
