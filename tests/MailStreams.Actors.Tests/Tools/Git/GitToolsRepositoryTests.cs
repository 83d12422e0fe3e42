using MailStreams.Testing;
using MailStreams.Testing.Git;
using MailStreams.Tools.Git;

namespace MailStreams.Actors.Tests.Tools.Git;

/// <summary>Sync against real repositories made by the test (a bare origin reached by its file URL).</summary>
public sealed class GitToolsRepositoryTests : IDisposable
{
    private readonly GitOrigin _origin = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public void Clones_the_branch_head_into_the_data_directory()
    {
        var first = _origin.Push("first", files: ("tools/index.js", "export const a = () => 'v1';"));
        var repo = Repository(path: "tools");

        Assert.Equal(first, repo.Sync());
        Assert.Equal("main", repo.Branch);
        Assert.Equal("export const a = () => 'v1';", File.ReadAllText(Path.Combine(repo.ToolsFolder, "index.js")));
    }

    [Fact]
    public void Picks_up_a_pushed_commit_and_removes_deleted_and_stray_files()
    {
        _origin.Push("first", files: [("index.js", "v1"), ("old.js", "old")]);
        var repo = Repository();
        repo.Sync();
        File.WriteAllText(Path.Combine(repo.ToolsFolder, "stray.js"), "left by someone");

        var second = _origin.Push("second", files: [("index.js", "v2"), ("old.js", null)]);

        Assert.Equal(second, repo.Sync());
        Assert.Equal("v2", File.ReadAllText(Path.Combine(repo.ToolsFolder, "index.js")));
        Assert.False(File.Exists(Path.Combine(repo.ToolsFolder, "old.js")));
        Assert.False(File.Exists(Path.Combine(repo.ToolsFolder, "stray.js")));
    }

    [Fact]
    public void Follows_a_force_push_that_rewrites_history()
    {
        _origin.Push("first", files: ("index.js", "v1"));
        _origin.Push("second", files: ("index.js", "v2"));
        var repo = Repository();
        repo.Sync();

        var rewritten = _origin.ForcePush("second, rewritten", ("index.js", "v2b"));

        Assert.Equal(rewritten, repo.Sync());
        Assert.Equal("v2b", File.ReadAllText(Path.Combine(repo.ToolsFolder, "index.js")));
    }

    [Fact]
    public void Follows_only_the_configured_branch()
    {
        var main = _origin.Push("main", files: ("index.js", "main"));
        var release = _origin.Push("release", "release", ("index.js", "release"));
        var followsRelease = Repository(branch: "release", clone: "release-clone");
        var followsDefault = Repository();

        Assert.Equal(release, followsRelease.Sync());
        Assert.Equal(main, followsDefault.Sync());
        _origin.Push("main again", files: ("index.js", "main 2"));
        Assert.Equal(release, followsRelease.Sync());
    }

    [Fact]
    public void An_unreachable_remote_or_unknown_branch_fails_with_the_reason_and_keeps_the_clone()
    {
        var first = _origin.Push("first", files: ("index.js", "v1"));
        var repo = Repository();
        repo.Sync();

        _origin.Break();
        var unreachable = Assert.Throws<GitSyncException>(repo.Sync);
        Assert.Contains(_origin.Url, unreachable.Message);
        Assert.Equal(first, repo.CurrentCommit());
        Assert.Equal("v1", File.ReadAllText(Path.Combine(repo.ToolsFolder, "index.js")));

        _origin.Restore();
        var unknown = Assert.Throws<GitSyncException>(() => Repository(branch: "nope", clone: "other").Sync());
        Assert.Contains("nope", unknown.Message);
    }

    [Fact]
    public void Replaces_a_broken_clone_with_a_fresh_one()
    {
        var first = _origin.Push("first", files: ("index.js", "v1"));
        var clone = Path.Combine(_data.Path, "tools-repo");
        Directory.CreateDirectory(clone);
        File.WriteAllText(Path.Combine(clone, "junk"), "not a repository");

        Assert.Equal(first, Repository().Sync());
        Assert.True(LibGit2Sharp.Repository.IsValid(clone));
    }

    private GitToolsRepository Repository(string? branch = null, string path = "", string clone = "tools-repo") =>
        new(ToolsRepositoryLocation.Parse(_origin.Url, branch, path), Path.Combine(_data.Path, clone));

    public void Dispose()
    {
        _origin.Dispose();
        _data.Dispose();
    }
}
