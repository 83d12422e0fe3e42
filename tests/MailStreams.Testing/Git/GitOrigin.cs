using LibGit2Sharp;

namespace MailStreams.Testing.Git;

/// <summary>
/// A real Git remote for tests: a bare repository in a temporary folder (reached by its file URL), and a working
/// clone from which commits are pushed to it, normally or by force, as a developer would.
/// </summary>
public sealed class GitOrigin : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly Signature _author = new("Test Author", "author@example.org", DateTimeOffset.UnixEpoch);

    public GitOrigin(string branch = "main")
    {
        Branch = branch;
        Repository.Init(BarePath, isBare: true);
        using (var bare = new Repository(BarePath)) bare.Refs.UpdateTarget("HEAD", "refs/heads/" + branch);
        Repository.Init(WorkPath);
        using var work = new Repository(WorkPath);
        work.Network.Remotes.Add("origin", BarePath);
        work.Refs.UpdateTarget("HEAD", "refs/heads/" + branch);
    }

    public string Branch { get; }
    public string BarePath => Path.Combine(_root.Path, "origin.git");
    private string WorkPath => Path.Combine(_root.Path, "work");

    /// <summary>The file URL daemons clone from.</summary>
    public string Url => new Uri(BarePath).AbsoluteUri;

    /// <summary>Writes the files (relative path, content; null deletes), commits them on <paramref name="branch"/>
    /// (default: <see cref="Branch"/>) and pushes; returns the commit SHA.</summary>
    public string Push(string message, string? branch = null, params (string Path, string? Content)[] files) =>
        CommitAndPush(message, branch ?? Branch, force: false, files);

    /// <summary>Moves the branch back by one commit, commits the files on top and force-pushes: history is rewritten.</summary>
    public string ForcePush(string message, params (string Path, string? Content)[] files)
    {
        using (var work = new Repository(WorkPath))
        {
            Commands.Checkout(work, work.Branches[Branch]);
            work.Reset(ResetMode.Hard, work.Head.Tip.Parents.First());
        }
        return CommitAndPush(message, Branch, force: true, files);
    }

    private string CommitAndPush(string message, string branch, bool force, (string Path, string? Content)[] files)
    {
        using var work = new Repository(WorkPath);
        if (work.Head.FriendlyName != branch)
        {
            var local = work.Branches[branch] ?? (work.Head.Tip is null ? null : work.CreateBranch(branch));
            if (local is not null) Commands.Checkout(work, local);
        }
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(WorkPath, path);
            if (content is null) { File.Delete(full); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        Commands.Stage(work, "*");
        var commit = work.Commit(message, _author, _author, new CommitOptions { AllowEmptyCommit = true });
        var refspec = $"{(force ? "+" : "")}refs/heads/{branch}:refs/heads/{branch}";
        work.Network.Push(work.Network.Remotes["origin"], refspec);
        return commit.Sha;
    }

    /// <summary>Makes the remote unreachable (its folder disappears) until <see cref="Restore"/>.</summary>
    public void Break() => Directory.Move(BarePath, BarePath + ".gone");

    public void Restore() => Directory.Move(BarePath + ".gone", BarePath);

    public void Dispose() => _root.Dispose();
}
