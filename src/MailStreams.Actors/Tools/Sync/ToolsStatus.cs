using System.Collections.Immutable;

namespace MailStreams.Tools.Sync;

/// <summary>
/// What the tools lifecycle has done so far: the live version, the last sync, and the versions refused (newest
/// first, at most <see cref="MaxFailed"/>, each with its reasons). Immutable; <see cref="Apply"/> is a pure step.
/// </summary>
internal sealed record ToolsStatus(
    string? LiveRevision,
    IReadOnlyList<string> LiveTools,
    DateTimeOffset? ActivatedAt,
    ToolSyncReport? LastSync,
    ImmutableList<ToolSyncReport> Failed)
{
    public const int MaxFailed = 20;

    public static ToolsStatus Initial { get; } = new(null, [], null, null, []);

    /// <summary>The revisions refused by the gate, with their reasons (a failed fetch is not a verdict on a revision).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Rejected =>
        Failed.Where(f => f.Outcome == ToolSyncOutcome.Rejected && f.Revision is not null)
            .GroupBy(f => f.Revision!)
            .ToDictionary(g => g.Key, g => g.First().Problems);

    public ToolsStatus Apply(ToolSyncReport report, ToolPackage? activated)
    {
        var next = this with { LastSync = report };
        if (activated is not null)
            next = next with { LiveRevision = activated.Revision, LiveTools = activated.ToolNames, ActivatedAt = report.At };
        var isNewFailure = report.KeptOldVersion && !(report.Outcome == ToolSyncOutcome.Rejected && Rejected.ContainsKey(report.Revision ?? ""));
        if (isNewFailure)
            next = next with { Failed = next.Failed.Insert(0, report) };
        if (next.Failed.Count > MaxFailed)
            next = next with { Failed = next.Failed.RemoveRange(MaxFailed, next.Failed.Count - MaxFailed) };
        return next;
    }
}
