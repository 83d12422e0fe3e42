using System.Text;
using MailStreams.Tools.Git;

namespace MailStreams.Actors.Tests.Tools.Git;

public sealed class GitHubPushSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"ref\":\"refs/heads/main\"}");

    [Fact]
    public void Accepts_the_signature_GitHub_computes_over_the_raw_body()
    {
        // HMAC-SHA256 of the body with the key "It's a Secret to Everybody", as in GitHub's documentation example.
        var body = Encoding.UTF8.GetBytes("Hello, World!");
        Assert.True(GitHubPushSignature.Verify("It's a Secret to Everybody", body,
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
    }

    [Fact]
    public void Refuses_a_changed_body_a_wrong_secret_and_malformed_headers()
    {
        var header = GitHubPushSignature.Sign("s3cret", Body);
        Assert.True(GitHubPushSignature.Verify("s3cret", Body, header));
        Assert.False(GitHubPushSignature.Verify("other", Body, header));
        Assert.False(GitHubPushSignature.Verify("s3cret", Encoding.UTF8.GetBytes("{\"ref\":\"refs/heads/evil\"}"), header));
        Assert.False(GitHubPushSignature.Verify("s3cret", Body, null));
        Assert.False(GitHubPushSignature.Verify("s3cret", Body, header.Replace("sha256=", "sha1=")));
        Assert.False(GitHubPushSignature.Verify("s3cret", Body, "sha256=not-hex"));
        Assert.False(GitHubPushSignature.Verify("s3cret", Body, header[..^2]));
    }
}
