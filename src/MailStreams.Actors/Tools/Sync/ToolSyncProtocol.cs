namespace MailStreams.Tools.Sync;

/// <summary>Messages of the tool sync actor.</summary>
internal static class ToolSyncProtocol
{
    /// <summary>Fetch the source and activate a new version if it passes the gate; answered with a <see cref="ToolSyncReport"/>.
    /// <paramref name="Trigger"/> says why (start, timer, webhook, cli, watch).</summary>
    public sealed record Sync(string Trigger);
}
