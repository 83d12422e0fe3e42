namespace MailStreams.Tools.Sync;

/// <summary>Tools from a local folder; the revision is the hash of its source files, so an unchanged folder is not reloaded.</summary>
internal sealed class FolderToolSource(string folder, bool watch) : IToolSource
{
    public string Description => folder;

    public string? WatchableFolder => watch ? folder : null;

    public Task<ToolCheckout> FetchAsync(CancellationToken cancellation) =>
        Directory.Exists(folder)
            ? Task.Run(() => new ToolCheckout(folder, ToolFiles.Hash(folder)), cancellation)
            : Task.FromException<ToolCheckout>(new DirectoryNotFoundException($"tools folder '{folder}' does not exist"));

    public ToolCheckout? OnDisk() => null;
}
