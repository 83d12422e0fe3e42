using MailStreams.Tools;
using MailStreams.Tools.Sync;

namespace MailStreams.Host.Http;

/// <summary>The JSON shapes of <c>GET /api/tools</c> and <c>POST /api/tools/sync</c>.</summary>
internal static class ToolsView
{
    public static object Status(ToolsStatus status, ActiveTools tools, IToolSource source) => new
    {
        source = source.Description,
        active = new
        {
            revision = tools.Current.Revision,
            contentVersion = tools.Current.Version,
            tools = tools.Current.ToolNames,
            activatedAt = status.ActivatedAt,
        },
        lastSync = status.LastSync is { } last ? Report(last) : null,
        failed = status.Failed.Select(Report),
        inboxes = tools.Stats.Snapshot().ToDictionary(kv => kv.Key, kv => new { calls = kv.Value.Calls, errors = kv.Value.Errors, lastError = kv.Value.LastError }),
    };

    public static object Report(ToolSyncReport report) => new
    {
        trigger = report.Trigger,
        at = report.At,
        outcome = report.Outcome.ToString().ToLowerInvariant(),
        revision = report.Revision,
        message = report.Message,
        problems = report.Problems,
    };
}
