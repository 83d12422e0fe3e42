using LibGit2Sharp;

namespace MailStreams.Tools.Git;

/// <summary>
/// The local clone of the tools repository in the data directory. <see cref="Sync"/> clones it when missing (or
/// broken), else fetches the branch (force-pushes included) and hard-resets the work tree to the remote head,
/// removing untracked files. Blocking (LibGit2Sharp); only the tool sync actor (and the start-up before it) calls it,
/// never two at once. Failures become <see cref="GitSyncException"/> with the reason.
/// </summary>
internal sealed class GitToolsRepository(ToolsRepositoryLocation location, string workDirectory, string? token = null, string tokenUser = "x-access-token")
{
    public ToolsRepositoryLocation Location { get; } = location;

    /// <summary>The branch followed: the configured one, or the remote's default found at the first clone.</summary>
    public string? Branch { get; private set; } = location.Branch;

    /// <summary>The folder holding the tools in the work tree.</summary>
    public string ToolsFolder => Path.Combine(workDirectory, Location.Path);

    /// <summary>Brings the work tree to the head of the branch; returns that commit's SHA.</summary>
    public string Sync()
    {
        try
        {
            if (!Repository.IsValid(workDirectory)) Clone();
            using var repo = new Repository(workDirectory);
            if (repo.Network.Remotes["origin"] is { } origin && origin.Url != Location.Url)
                repo.Network.Remotes.Update("origin", r => r.Url = Location.Url);
            Branch ??= repo.Head.FriendlyName;
            Commands.Fetch(repo, "origin", [$"+refs/heads/{Branch}:refs/remotes/origin/{Branch}"], FetchOptions(), "mailstreams tools sync");
            var tip = repo.Branches[$"origin/{Branch}"]?.Tip
                      ?? throw new GitSyncException($"branch '{Branch}' not found in {Location.SafeUrl}");
            repo.Reset(ResetMode.Hard, tip);
            repo.RemoveUntrackedFiles();
            return tip.Sha;
        }
        catch (LibGit2SharpException e)
        {
            throw new GitSyncException($"{Location.SafeUrl}{(Branch is null ? "" : " (" + Branch + ")")}: {e.Message.Trim()}", e);
        }
    }

    /// <summary>The commit the work tree is at now, or null when there is no usable clone yet.</summary>
    public string? CurrentCommit()
    {
        if (!Repository.IsValid(workDirectory)) return null;
        using var repo = new Repository(workDirectory);
        Branch ??= repo.Head.FriendlyName;
        return repo.Head.Tip?.Sha;
    }

    private void Clone()
    {
        if (Directory.Exists(workDirectory)) Directory.Delete(workDirectory, recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(workDirectory))!);
        var options = new CloneOptions(FetchOptions()) { BranchName = Branch, Checkout = true };
        try
        {
            Repository.Clone(Location.Url, workDirectory, options);
        }
        catch
        {
            if (Directory.Exists(workDirectory)) Directory.Delete(workDirectory, recursive: true);
            throw;
        }
    }

    private FetchOptions FetchOptions()
    {
        var options = new FetchOptions { Prune = true };
        if (!string.IsNullOrEmpty(token))
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = tokenUser, Password = token };
        return options;
    }
}
