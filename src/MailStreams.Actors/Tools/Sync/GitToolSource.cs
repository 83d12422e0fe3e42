using MailStreams.Tools.Git;

namespace MailStreams.Tools.Sync;

/// <summary>Tools from the local clone of a Git repository; a fetch runs the (blocking) sync on the thread pool.</summary>
internal sealed class GitToolSource(GitToolsRepository repository) : IToolSource
{
    public GitToolsRepository Repository { get; } = repository;

    public string Description =>
        $"{Repository.Location.SafeUrl} branch {Repository.Branch ?? "(remote default)"}{(Repository.Location.Path.Length > 0 ? " path " + Repository.Location.Path : "")}";

    public string? WatchableFolder => null;

    public Task<ToolCheckout> FetchAsync(CancellationToken cancellation) =>
        Task.Run(() => new ToolCheckout(Repository.ToolsFolder, Repository.Sync()), cancellation);

    public ToolCheckout? OnDisk() => Repository.CurrentCommit() is { } sha ? new ToolCheckout(Repository.ToolsFolder, sha) : null;
}
