namespace MailStreams.Hosting;

/// <summary>
/// Where the tools come from (section <c>MailStreams:Tools</c>): a Git repository when <see cref="Repository"/> is set
/// (<c>TOOLS_ROOT_GITHUB</c>), else the local folder <see cref="MailStreamsOptions.ToolsDirectory"/>.
/// </summary>
public sealed class ToolsSettings
{
    /// <summary><c>https://github.com/owner/repo[/branch][/path]</c>, or any Git URL (https, ssh, file) or local path.</summary>
    public string? Repository { get; set; }

    /// <summary>Branch to follow; overrides one given in a GitHub URL. Default: the remote's default branch.</summary>
    public string? Branch { get; set; }

    /// <summary>Folder of the tools inside the repository; overrides one given in a GitHub URL. Default: the root.</summary>
    public string? Path { get; set; }

    /// <summary>Token for private HTTPS repositories (<c>GITHUB_PAT</c>).</summary>
    public string? Token { get; set; }

    /// <summary>User name sent with <see cref="Token"/> (GitHub accepts any; <c>x-access-token</c> by default).</summary>
    public string TokenUser { get; set; } = "x-access-token";

    /// <summary>Secret of the GitHub push webhook (<c>GITHUB_WEBHOOK_SECRET</c>); without it the webhook is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How often the repository is fetched; zero or less turns the timer off.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Reload a local tools folder when its files change (<c>mailstreams run --watch</c>).</summary>
    public bool Watch { get; set; }

    public bool FromGit => !string.IsNullOrWhiteSpace(Repository);
}
