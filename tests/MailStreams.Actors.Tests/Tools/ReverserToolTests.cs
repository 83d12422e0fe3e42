using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Tools;

/// <summary>The example tool shipped in the repository's <c>tools/</c> folder (TypeScript, through the activation gate).</summary>
public sealed class ReverserToolTests
{
    private static readonly Lazy<Task<ToolPackage>> Tools = new(ToolFolders.LoadRepositoryTools);

    [Fact]
    public async Task The_repository_tools_pass_their_own_tests()
    {
        var package = await Tools.Value;
        var results = await new ToolTestRunner(new ToolInvoker(ToolLimits.Default)).RunAsync(package, default);
        Assert.True(results.Count >= 5);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }

    [Theory]
    [InlineData("hello", "olleh")]
    [InlineData("ab😀", "😀ba")]
    [InlineData("x👍🏽y", "y🏽👍x")]
    [InlineData("e\u0301a", "a\u0301e")]
    [InlineData("𝄞 clef\n", "felc 𝄞")]
    [InlineData("tabs\tand\r\nlines\r\n\r\n", "senil\n\rdna\tsbat")]
    public async Task Reverses_the_text_by_code_points(string text, string reversed)
    {
        var outcome = await Reverse(text);
        Assert.Equal(reversed, Assert.IsType<ToolOutcome.Replied>(outcome).Reply.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n ")]
    [InlineData(null)]
    public async Task Does_not_reply_to_an_email_without_text(string? text) =>
        Assert.IsType<ToolOutcome.NoReply>(await Reverse(text));

    private static async Task<ToolOutcome> Reverse(string? text) =>
        await new ToolInvoker(ToolLimits.Default).InvokeAsync(await Tools.Value, "reverser", ToolFolders.Email(text), default);
}
