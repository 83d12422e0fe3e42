using Akka;
using Akka.Streams.Dsl;
using MailStreams.Tools;

namespace MailStreams.Pipeline.Stages;

/// <summary>
/// Calls the inbox's tool for each undecided email, one at a time. A failing call is tried again up to
/// <paramref name="attempts"/> times in all; then the email is decided dead with the last error.
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

        var error = "";
        for (var attempt = 1; attempt <= Math.Max(1, attempts); attempt++)
        {
            switch (await invoker.InvokeAsync(package, item.Inbox, email, ct))
            {
                case ToolOutcome.Replied replied: return item.With(new InboxDecision.Replied(replied.Reply));
                case ToolOutcome.NoReply: return item.With(new InboxDecision.NoReply("tool-returned-null"));
                case ToolOutcome.Failed failed: error = failed.Error; break;
            }
        }
        return item.With(new InboxDecision.Dead($"tool '{item.Inbox}' failed {attempts} times: {error}"));
    }
}
