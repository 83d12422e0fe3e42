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
