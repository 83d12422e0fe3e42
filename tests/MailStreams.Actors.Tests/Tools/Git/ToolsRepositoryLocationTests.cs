using MailStreams.Tools.Git;

namespace MailStreams.Actors.Tests.Tools.Git;

public sealed class ToolsRepositoryLocationTests
{
    [Theory]
    [InlineData("https://github.com/acme/tools", "https://github.com/acme/tools.git", null, "")]
    [InlineData("https://github.com/acme/tools.git", "https://github.com/acme/tools.git", null, "")]
    [InlineData("https://github.com/acme/tools/prod", "https://github.com/acme/tools.git", "prod", "")]
    [InlineData("https://github.com/acme/tools/main/mail/tools", "https://github.com/acme/tools.git", "main", "mail/tools")]
    [InlineData("https://github.com/acme/tools/tree/main/mail/", "https://github.com/acme/tools.git", "main", "mail")]
    public void Reads_branch_and_path_from_a_GitHub_address(string value, string url, string? branch, string path) =>
        Assert.Equal(new ToolsRepositoryLocation(url, branch, path), ToolsRepositoryLocation.Parse(value));

    [Theory]
    [InlineData("git@github.com:acme/tools.git")]
    [InlineData("ssh://git@git.example.org/acme/tools.git")]
    [InlineData("https://git.example.org/acme/tools.git")]
    [InlineData("file:///srv/git/tools.git")]
    public void Uses_any_other_Git_URL_as_it_is_with_branch_and_path_from_the_options(string value)
    {
        var location = ToolsRepositoryLocation.Parse(value, "release", "./tools/mail");
        Assert.Equal(new ToolsRepositoryLocation(value, "release", "tools/mail"), location);
    }

    [Fact]
    public void Options_override_the_branch_and_path_of_a_GitHub_address() =>
        Assert.Equal(new ToolsRepositoryLocation("https://github.com/acme/tools.git", "dev", "x"),
            ToolsRepositoryLocation.Parse("https://github.com/acme/tools/main/y", "dev", "x"));

    [Theory]
    [InlineData("", null, null)]
    [InlineData("https://github.com/acme", null, null)]
    [InlineData("https://github.com/acme/tools", null, "../outside")]
    [InlineData("https://github.com/acme/tools", "a..b", null)]
    public void Refuses_what_cannot_be_a_tools_repository(string value, string? branch, string? path) =>
        Assert.Throws<ArgumentException>(() => ToolsRepositoryLocation.Parse(value, branch, path));

    [Fact]
    public void Never_shows_credentials_written_into_the_URL() =>
        Assert.DoesNotContain("secret", ToolsRepositoryLocation.Parse("https://user:secret@git.example.org/tools.git").SafeUrl);
}
