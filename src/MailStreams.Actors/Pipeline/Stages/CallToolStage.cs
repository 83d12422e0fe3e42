using System.Diagnostics;
using Akka;
using Akka.Streams.Dsl;
using MailStreams.Diagnostics;
using MailStreams.Tools;

namespace MailStreams.Pipeline.Stages;

/// <summary>
/// Calls the inbox's tool for each undecided email, one at a time. A failing call is tried again up to
/// <paramref name="attempts"/> times in all; then the email is decided dead with the last error. The tools version is
/// read once per email, so a version activated meanwhile applies from the next email on; the item records which
/// version decided it, and every call is counted per inbox (<see cref="ToolCallStats"/>).
/// </summary>
internal static class CallToolStage
{
    public static Flow<InboxItem, InboxItem, NotUsed> Create(ActiveTools tools, ToolInvoker invoker, int attempts, CancellationToken ct) =>
        Flow.Create<InboxItem>().SelectAsync(1, item => CallAsync(tools, invoker, attempts, item, ct));

    public static async Task<InboxItem> CallAsync(ActiveTools tools, ToolInvoker invoker, int attempts, InboxItem item, CancellationToken ct)
    {
        if (item is not { Decision: InboxDecision.Undecided, Email: { } email }) return item;
        var package = tools.Current;
        if (!package.HasTool(item.Inbox)) return item.With(new InboxDecision.NoReply($"no-tool: no tool named '{item.Inbox}'"));
        item = item with { ToolVersion = package.Revision };

        using var trace = MailTrace.Continue("mail.tool", item.Record);
        var error = "";
        for (var attempt = 1; attempt <= Math.Max(1, attempts); attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = await invoker.InvokeAsync(package, item.Inbox, email, ct);
            MailMetrics.ToolDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, MailMetrics.Inbox(item.Inbox),
                new KeyValuePair<string, object?>("outcome", outcome switch { ToolOutcome.Failed => "failed", ToolOutcome.NoReply => "no-reply", _ => "replied" }));
            tools.Stats.Record(item.Inbox, email.Id, outcome);
            switch (outcome)
            {
                case ToolOutcome.Replied replied: return item.With(new InboxDecision.Replied(replied.Reply));
                case ToolOutcome.NoReply: return item.With(new InboxDecision.NoReply("tool-returned-null"));
                case ToolOutcome.Failed failed: error = failed.Error; break;
            }
        }
        return item.With(new InboxDecision.Dead($"tool '{item.Inbox}' failed {attempts} times: {error}"));
    }
}
