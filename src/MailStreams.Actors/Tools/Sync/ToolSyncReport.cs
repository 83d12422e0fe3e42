namespace MailStreams.Tools.Sync;

/// <summary>How one sync ended.</summary>
internal enum ToolSyncOutcome
{
    /// <summary>A new version passed the gate and is live.</summary>
    Activated,
    /// <summary>The source is at the version already live.</summary>
    Unchanged,
    /// <summary>A new version failed the gate (type errors, load errors, failing $TESTS); the old one stays.</summary>
    Rejected,
    /// <summary>The source could not be fetched (network, authentication, unknown branch); the old version stays.</summary>
    Failed,
}

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
