namespace MailStreams.Tools.Git;

/// <summary>
/// Where the tools live in Git: the clone URL, the branch (null: the remote's default branch) and the folder inside
/// the repository ("" for the root). Parsed from <c>TOOLS_ROOT_GITHUB</c>: a GitHub web address
/// <c>https://github.com/owner/repo[/tree]/branch/path…</c> carries branch and path; any other Git URL (https, ssh,
/// <c>git@host:repo</c>, file) or local path is used as it is, with branch and path from the options.
/// </summary>
internal sealed record ToolsRepositoryLocation(string Url, string? Branch, string Path)
{
    /// <summary>The location, or <see cref="ArgumentException"/> saying what is wrong with the input.</summary>
    public static ToolsRepositoryLocation Parse(string repository, string? branch = null, string? path = null)
    {
        var value = repository.Trim();
        if (value.Length == 0) throw new ArgumentException("the tools repository is empty");
        string url = value;
        string? urlBranch = null, urlPath = null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && uri.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase))
        {
            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
            if (segments.Count < 2) throw new ArgumentException($"'{value}' does not name a repository (https://github.com/owner/repo[/branch][/path])");
            var repo = segments[1].EndsWith(".git", StringComparison.Ordinal) ? segments[1][..^4] : segments[1];
            url = $"{uri.Scheme}://{uri.Authority}/{segments[0]}/{repo}.git";
            var rest = segments.Skip(2).ToList();
            if (rest.Count > 0 && rest[0] is "tree" or "blob") rest.RemoveAt(0);
            if (rest.Count > 0) urlBranch = rest[0];
            if (rest.Count > 1) urlPath = string.Join('/', rest.Skip(1));
        }
        var chosenBranch = string.IsNullOrWhiteSpace(branch) ? urlBranch : branch.Trim();
        if (chosenBranch is not null && (chosenBranch.Contains("..") || chosenBranch.Contains(' ') || chosenBranch.StartsWith('-')))
            throw new ArgumentException($"'{chosenBranch}' is not a valid branch name");
        return new ToolsRepositoryLocation(url, chosenBranch, CleanPath(string.IsNullOrWhiteSpace(path) ? urlPath : path));
    }

    private static string CleanPath(string? path)
    {
        var segments = (path ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Contains("..")) throw new ArgumentException($"the tools path '{path}' must stay inside the repository");
        return string.Join('/', segments);
    }

    /// <summary>The URL with any user information (a token) removed, for logs and status.</summary>
    public string SafeUrl =>
        Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : Url;
}
