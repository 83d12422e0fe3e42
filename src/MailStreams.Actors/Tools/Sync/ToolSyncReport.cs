namespace MailStreams.Tools.Sync;

/// <summary>The result of one sync: when, why it ran, what happened, and every problem found.</summary>
internal sealed record ToolSyncReport(
    string Trigger,
    DateTimeOffset At,
    ToolSyncOutcome Outcome,
    string? Revision,
    string Message,
    IReadOnlyList<string> Problems)
{
    public bool KeptOldVersion => Outcome is ToolSyncOutcome.Rejected or ToolSyncOutcome.Failed;
}
