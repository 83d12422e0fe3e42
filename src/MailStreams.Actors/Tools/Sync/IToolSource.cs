namespace MailStreams.Tools.Sync;

/// <summary>Where tool versions come from: a Git repository (<see cref="GitToolSource"/>) or a local folder (<see cref="FolderToolSource"/>).</summary>
internal interface IToolSource
{
    /// <summary>What the status shows: the repository URL (no credentials), branch and path, or the folder.</summary>
    string Description { get; }

    /// <summary>The local folder a file watcher may follow (only for a folder source).</summary>
    string? WatchableFolder { get; }

    /// <summary>Brings the newest version to disk. Throws <see cref="Git.GitSyncException"/> or <see cref="IOException"/> on failure.</summary>
    Task<ToolCheckout> FetchAsync(CancellationToken cancellation);

    /// <summary>The version already on disk without fetching (a clone from an earlier run), or null.</summary>
    ToolCheckout? OnDisk();
}
